using Scission.Domain.Model;

namespace Scission.Api.Charts;

/// <summary>Colours the charts share: one per tier, and a palette for series (colour-blind safe, Tableau 10).</summary>
internal static class ChartColours
{
    public const string Transfer = "#bab0ac";
    public const string Axis = "#555555";
    public const string Grid = "#e6e6e6";

    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public static string Of(Tier tier) => tier switch
    {
        Tier.Device => "#4e79a7",
        Tier.Edge => "#f28e2b",
        _ => "#59a14f",
    };

    public static string Series(int index) => Palette[index % Palette.Length];
}
