using System.Text.Json;
using Scission.Domain.Model;

namespace Scission.Infrastructure.Datasets;

/// <summary>
/// Reads the original tool's benchmark data in its JSON form: one <c>&lt;tier&gt;-&lt;name&gt;.json</c> per machine
/// with every model's blocks, and <c>network*.json</c> files of directed links.
/// </summary>
public sealed class ScissionDataset
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _directory;
    private readonly List<SystemFile> _systems;

    private ScissionDataset(string directory, List<SystemFile> systems)
    {
        _directory = directory;
        _systems = systems;
    }

    /// <summary>The machines, in file-name order.</summary>
    public IReadOnlyList<Resource> Resources => [.. _systems.Select(s => s.Resource)];

    /// <summary>The benchmarked models, in name order.</summary>
    public IReadOnlyList<string> ModelNames => [.. _systems[0].Models.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Loads every machine file in <paramref name="directory"/>.</summary>
    public static ScissionDataset Load(string directory)
    {
        var systems = Directory.GetFiles(directory, "*-*.json")
            .Where(path => !Path.GetFileName(path).StartsWith("network", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => JsonSerializer.Deserialize<SystemFile>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} is empty"))
            .ToList();
        return systems.Count > 0 ? new ScissionDataset(directory, systems) : throw new InvalidDataException($"no machine files in {directory}");
    }

    /// <summary>The blocks of <paramref name="model"/> as measured on <paramref name="resource"/>.</summary>
    public IReadOnlyList<DatasetBlock> Blocks(string model, string resource) =>
        _systems.Single(s => s.System == resource).Models[model];

    /// <summary>The model's layout and every machine's benchmark, with the links of <paramref name="networkFile"/>.</summary>
    public PartitionProblem Problem(string model, string networkFile)
    {
        var layout = BlockLayout.Create([.. _systems[0].Models[model].Select(b => new LayerRange(b.FirstLayer, b.LastLayer))]);
        var profiles = _systems.Select(s => new ResourceProfile(s.Resource, [.. s.Models[model].Select(b => new BlockMeasurement(b.LatencySeconds, b.OutputBytes))]));
        return new PartitionProblem(layout, profiles, Links(networkFile));
    }

    /// <summary>The directed links of a network file such as <c>network_stats.json</c>.</summary>
    public IReadOnlyList<NetworkLink> Links(string networkFile)
    {
        using var stream = File.OpenRead(Path.Combine(_directory, networkFile));
        var network = JsonSerializer.Deserialize<NetworkFile>(stream, Json) ?? throw new InvalidDataException($"{networkFile} is empty");
        return [.. network.Links.Select(l => new NetworkLink(l.Source, l.Destination, l.PingMs, l.BandwidthMbps))];
    }

    private sealed record SystemFile(string System, string Tier, Dictionary<string, List<DatasetBlock>> Models)
    {
        public Resource Resource => new(System, Enum.Parse<Tier>(Tier, ignoreCase: true));
    }

    private sealed record NetworkFile(List<LinkRecord> Links);

    private sealed record LinkRecord(string Source, string Destination, double PingMs, double BandwidthMbps);
}

/// <summary>One block as the data set records it: exactly the body shape the benchmark route accepts.</summary>
public sealed record DatasetBlock(int FirstLayer, int LastLayer, double LatencySeconds, long OutputBytes);
