using System.ComponentModel.DataAnnotations;
using Scission.Domain.Catalog;

namespace Scission.Contracts;

/// <summary>One block as measured: exactly the block objects of the original tool's data, so they can be posted as they are.</summary>
public sealed record BlockBody
{
    /// <summary>First layer of the block.</summary>
    [Required]
    public int? FirstLayer { get; init; }

    /// <summary>Last layer of the block (inclusive).</summary>
    [Required]
    public int? LastLayer { get; init; }

    /// <summary>Time to run the block alone, in seconds.</summary>
    [Required]
    public double? LatencySeconds { get; init; }

    /// <summary>Size of the block's output in bytes.</summary>
    [Required]
    public long? OutputBytes { get; init; }
}

/// <summary>A benchmark of a model on one machine, with optional provenance.</summary>
public sealed record BenchmarkBody
{
    /// <summary>The blocks in execution order.</summary>
    [Required]
    public BlockBody[]? Blocks { get; init; }

    /// <summary>Timed runs per block.</summary>
    public int? Repeats { get; init; }

    /// <summary>Inference runtime and version.</summary>
    public string? Runtime { get; init; }

    /// <summary>Execution provider.</summary>
    public string? ExecutionProvider { get; init; }

    /// <summary>Thread settings of the runtime.</summary>
    public string? Threads { get; init; }

    /// <summary>CPU model of the measuring machine.</summary>
    public string? Cpu { get; init; }

    /// <summary>Operating system of the measuring machine.</summary>
    public string? OperatingSystem { get; init; }

    /// <summary>Free-form notes, e.g. thread settings.</summary>
    public string? Notes { get; init; }

    /// <summary>When the measurement was taken.</summary>
    public DateTimeOffset? MeasuredAt { get; init; }

    /// <summary>Which statistic of the timed runs <c>latencySeconds</c> is: <c>median</c>, <c>p90</c> or <c>min</c>.</summary>
    public string? Statistic { get; init; }

    /// <summary>The least time each block was timed for.</summary>
    public double? MinSeconds { get; init; }

    /// <summary>Each block's statistics, one per block in order.</summary>
    public RunStatistics[]? BlockStatistics { get; init; }

    /// <summary>The whole model's statistics, for comparison with the sum of the blocks.</summary>
    public RunStatistics? WholeModel { get; init; }

    /// <summary>The measuring process's peak working set.</summary>
    public long? PeakWorkingSetBytes { get; init; }
}

/// <summary>A stored block.</summary>
public sealed record BlockResponse(int FirstLayer, int LastLayer, double LatencySeconds, long OutputBytes);

/// <summary>A stored benchmark.</summary>
public sealed record BenchmarkResponse(string Model, string Resource, BlockResponse[] Blocks, BenchmarkProvenance Provenance, DateTimeOffset StoredAt);

/// <summary>
/// A benchmark posted to its model's collection (<c>POST /v1/models/{model}/benchmarks</c>): the machine it was
/// measured on, the blocks, and where it came from in the shape a stored benchmark reports it, so a benchmark
/// read from one service can be posted to another as it is.
/// </summary>
public sealed record BenchmarkPostBody
{
    /// <summary>The registered machine it was measured on.</summary>
    [Required]
    public string? Resource { get; init; }

    /// <summary>One object per block, in layer order.</summary>
    [Required]
    public BlockBody[]? Blocks { get; init; }

    /// <summary>How it was measured; every member optional.</summary>
    public BenchmarkProvenance? Provenance { get; init; }
}

/// <summary>One benchmark of a batch (<c>POST /v1/benchmarks</c>).</summary>
public sealed record BenchmarkBatchItem
{
    /// <summary>The registered model it measures.</summary>
    [Required]
    public string? Model { get; init; }

    /// <summary>The registered machine it was measured on.</summary>
    [Required]
    public string? Resource { get; init; }

    /// <summary>One object per block, in layer order.</summary>
    [Required]
    public BlockBody[]? Blocks { get; init; }

    /// <summary>How it was measured; every member optional.</summary>
    public BenchmarkProvenance? Provenance { get; init; }
}

/// <summary>One stored benchmark of a batch.</summary>
/// <param name="Model">The model, as named in the batch.</param>
/// <param name="Resource">The machine.</param>
/// <param name="Created">Whether it is new (else it replaced the model's benchmark on that machine).</param>
/// <param name="Href">Where it is.</param>
public sealed record BenchmarkBatchEntry(string Model, string Resource, bool Created, string Href);

/// <summary>What a batch stored: every benchmark, in the order sent.</summary>
public sealed record BenchmarkBatchResponse(BenchmarkBatchEntry[] Stored);
