using Scission.Domain.Model;

namespace Scission.Domain.Catalog;

/// <summary>A registered machine.</summary>
public sealed record ResourceRecord(string Name, Tier Tier, string? Description)
{
    /// <summary>What the machine draws, when given.</summary>
    public PowerFigures? Power { get; init; }

    /// <summary>The store's version of this entry, changed by every write to it (its ETag).</summary>
    public long Version { get; init; }
}

/// <summary>A registered model; <see cref="Layout"/> is known once a benchmark (or the graph) fixes it.</summary>
/// <param name="Name">The name as first registered; lookups ignore case.</param>
/// <param name="Description">Free text.</param>
/// <param name="Layout">The block layout, or <c>null</c> before the first benchmark.</param>
/// <param name="UpdatedAt">When the model or one of its benchmarks last changed.</param>
/// <param name="Graph">The uploaded ONNX file's analysis, when the model came as a file.</param>
public sealed record ModelRecord(string Name, string? Description, BlockLayout? Layout, DateTimeOffset UpdatedAt, ModelGraph? Graph = null)
{
    /// <summary>The store's version of this entry, changed by every write to the model or its benchmarks (its ETag).</summary>
    public long Version { get; init; }
}

/// <summary>An uploaded model file: its analysis (opaque to the domain), size and digest.</summary>
/// <param name="Analysis">The analysis as JSON, written and read by the infrastructure.</param>
/// <param name="FileBytes">Size of the file.</param>
/// <param name="Sha256">Hex digest of the file, which also names its cached parse.</param>
public sealed record ModelGraph(string Analysis, long FileBytes, string Sha256);

/// <summary>Where a benchmark came from; every member is optional.</summary>
public sealed record BenchmarkProvenance
{
    /// <summary>Timed runs per block.</summary>
    public int? Repeats { get; init; }

    /// <summary>Inference runtime and version, e.g. <c>onnxruntime 1.31.1</c>.</summary>
    public string? Runtime { get; init; }

    /// <summary>Execution provider, e.g. <c>CPUExecutionProvider</c>.</summary>
    public string? ExecutionProvider { get; init; }

    /// <summary>Thread settings of the runtime, e.g. <c>intra-op: 4, inter-op: sequential</c>.</summary>
    public string? Threads { get; init; }

    /// <summary>CPU model of the measuring machine.</summary>
    public string? Cpu { get; init; }

    /// <summary>Operating system of the measuring machine.</summary>
    public string? OperatingSystem { get; init; }

    /// <summary>Free-form notes, e.g. thread settings.</summary>
    public string? Notes { get; init; }

    /// <summary>When the measurement was taken.</summary>
    public DateTimeOffset? MeasuredAt { get; init; }

    /// <summary>Which statistic of the timed runs the blocks' latencies are: <c>median</c>, <c>p90</c> or <c>min</c>.</summary>
    public string? Statistic { get; init; }

    /// <summary>The least time each block was timed for (runs continued past the repeats until it was reached).</summary>
    public double? MinSeconds { get; init; }

    /// <summary>Each block's statistics, in block order.</summary>
    public IReadOnlyList<RunStatistics>? BlockStatistics { get; init; }

    /// <summary>The whole model run as one, for comparison with the sum of the blocks.</summary>
    public RunStatistics? WholeModel { get; init; }

    /// <summary>The measuring process's peak working set.</summary>
    public long? PeakWorkingSetBytes { get; init; }
}

/// <summary>One block of a stored benchmark: the layout and the measurement together.</summary>
public readonly record struct BenchmarkBlock(int FirstLayer, int LastLayer, double LatencySeconds, long OutputBytes);

/// <summary>A model's benchmark on one resource.</summary>
public sealed record BenchmarkRecord(string Resource, IReadOnlyList<BenchmarkBlock> Blocks, BenchmarkProvenance Provenance, DateTimeOffset StoredAt)
{
    /// <summary>The store's version of this entry, changed by every write to it (its ETag).</summary>
    public long Version { get; init; }

    /// <summary>The blocks' layer ranges.</summary>
    public IReadOnlyList<LayerRange> LayerRanges => [.. Blocks.Select(b => new LayerRange(b.FirstLayer, b.LastLayer))];
}

/// <summary>One benchmark of a batch: the model it measures and the benchmark.</summary>
public sealed record BenchmarkWrite(string Model, BenchmarkRecord Benchmark);

/// <summary>A named network and how many links it holds.</summary>
public sealed record NetworkSummary(string Name, int LinkCount);

/// <summary>Everything a partition query of one model over one network reads, in one consistent snapshot.</summary>
public sealed record PartitionInputs(
    ModelRecord Model,
    IReadOnlyList<ResourceRecord> Resources,
    IReadOnlyList<BenchmarkRecord> Benchmarks,
    IReadOnlyList<NetworkLink> Links);

/// <summary>
/// Version numbers of the stored inputs a partition answer depends on. Every write that changes an input
/// raises its number in the same transaction, so a cache key built from them changes on every replica.
/// </summary>
/// <param name="Model">The model's revision.</param>
/// <param name="Network">The network's revision.</param>
/// <param name="Resources">The resources' revision.</param>
/// <param name="Store">
/// The store's identity, drawn at random when it was created: revisions count from the same start in every store,
/// so a shared cache (Redis) must also know whose they are — another deployment's, or this one's before a reset.
/// </param>
public readonly record struct InputRevisions(long Model, long Network, long Resources, long Store);

/// <summary>A long-running operation (a benchmark run) as every replica sees it.</summary>
/// <param name="Id">Opaque identifier.</param>
/// <param name="Kind">What it does, e.g. <c>benchmark-run</c>.</param>
/// <param name="Model">The model it concerns.</param>
/// <param name="Resource">The resource it measures.</param>
/// <param name="Status">queued, running, succeeded or failed.</param>
/// <param name="Progress">While running, how far it is.</param>
/// <param name="ResultHref">When succeeded, where the result is.</param>
/// <param name="Error">When failed, why.</param>
/// <param name="Owner">The host that runs it.</param>
/// <param name="Repeats">Timed runs asked for.</param>
/// <param name="Warmup">Untimed runs asked for.</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record OperationRecord(
    string Id,
    string Kind,
    string Model,
    string Resource,
    string Status,
    string? Progress,
    string? ResultHref,
    string? Error,
    string Owner,
    int Repeats,
    int Warmup,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>About how many sessions measure the blocks; null or 0: each block alone. Absent from runs stored before it existed.</summary>
    public int? Sessions { get; init; }
}
