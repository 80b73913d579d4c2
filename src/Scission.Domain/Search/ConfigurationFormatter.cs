using System.Globalization;
using System.Text;
using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>Writes a plan as the original tool did, e.g. <c>Device(raspi4) = 0 - 6, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 7 - 25</c>.</summary>
public static class ConfigurationFormatter
{
    /// <summary>Formats the stages of a plan, layer numbers inclusive, <c>-1 - -1</c> for an unused stage.</summary>
    public static string Format(IReadOnlyList<StagePlacement> stages)
    {
        var text = new StringBuilder();
        foreach (var stage in stages)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            var (first, last) = stage.Layers is { } layers ? (layers.FirstLayer, layers.LastLayer) : (-1, -1);
            text.Append(CultureInfo.InvariantCulture, $"{Label(stage.Tier)}({stage.Resource ?? "None"}) = {first} - {last}");
        }

        return text.ToString();
    }

    private static string Label(Tier tier) => tier switch
    {
        Tier.Device => "Device",
        Tier.Edge => "Edge",
        _ => "Cloud",
    };
}
