using System.Text.Json;
using Scission.Domain.Model;

namespace Scission.Domain.Tests.Support;

/// <summary>The original tool's published benchmark data, found through SCISSION_DATASET_DIR.</summary>
internal static class SharedDataset
{
    public const string Variable = "SCISSION_DATASET_DIR";

    public static string? Directory =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path && System.IO.Directory.Exists(path) ? path : null;

    public static string MissingReason => $"{Variable} is not set to the scission-ucc2020 data set";

    private static readonly Lazy<IReadOnlyList<SystemFile>> Systems = new(LoadSystems);

    public static IReadOnlyList<string> ModelNames => [.. Systems.Value[0].Models.Keys.Order(StringComparer.Ordinal)];

    public static IReadOnlyList<Resource> Resources => [.. Systems.Value.Select(s => s.Resource)];

    public static PartitionProblem Problem(string model, string networkFile)
    {
        var systems = Systems.Value;
        var layout = BlockLayout.Create([.. systems[0].Models[model].Select(b => new LayerRange(b.FirstLayer, b.LastLayer))]);
        var profiles = systems.Select(s => new ResourceProfile(s.Resource, [.. s.Models[model].Select(b => new BlockMeasurement(b.LatencySeconds, b.OutputBytes))]));
        return new PartitionProblem(layout, profiles, Links(networkFile));
    }

    public static IEnumerable<NetworkLink> Links(string networkFile)
    {
        using var stream = File.OpenRead(Path.Combine(Directory!, networkFile));
        var network = JsonSerializer.Deserialize<NetworkFile>(stream, Json)!;
        return network.Links.Select(l => new NetworkLink(l.Source, l.Destination, l.PingMs, l.BandwidthMbps));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static List<SystemFile> LoadSystems() =>
        [.. System.IO.Directory.GetFiles(Directory!, "*-*.json")
            .Where(path => !Path.GetFileName(path).StartsWith("network", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => JsonSerializer.Deserialize<SystemFile>(File.ReadAllText(path), Json)!)];

    private sealed record SystemFile(string System, string Tier, Dictionary<string, List<BlockRecord>> Models)
    {
        public Resource Resource => new(System, Enum.Parse<Tier>(Tier, ignoreCase: true));
    }

    private sealed record BlockRecord(int FirstLayer, int LastLayer, double LatencySeconds, long OutputBytes);

    private sealed record NetworkFile(List<LinkRecord> Links);

    private sealed record LinkRecord(string Source, string Destination, double PingMs, double BandwidthMbps);
}

/// <summary>A fact that needs the shared data set; reported as skipped where it is not given.</summary>
internal sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute()
    {
        if (SharedDataset.Directory is null)
        {
            Skip = SharedDataset.MissingReason;
        }
    }
}

/// <summary>A theory that needs the shared data set; reported as skipped where it is not given.</summary>
internal sealed class DatasetTheoryAttribute : TheoryAttribute
{
    public DatasetTheoryAttribute()
    {
        if (SharedDataset.Directory is null)
        {
            Skip = SharedDataset.MissingReason;
        }
    }
}
