namespace Scission.Domain.Catalog;

/// <summary>How one block (or the whole model) ran on the measuring machine: timed runs after warm-up, and more.</summary>
public sealed record RunStatistics
{
    /// <summary>Median of the timed runs.</summary>
    public required double MedianSeconds { get; init; }

    /// <summary>90th percentile of the timed runs.</summary>
    public required double P90Seconds { get; init; }

    /// <summary>Fastest timed run.</summary>
    public required double MinSeconds { get; init; }

    /// <summary>Mean of the timed runs.</summary>
    public required double MeanSeconds { get; init; }

    /// <summary>Population standard deviation of the timed runs.</summary>
    public required double StdDevSeconds { get; init; }

    /// <summary>Number of timed runs.</summary>
    public required int Count { get; init; }

    /// <summary>The first run after the session was created (which also records where each node ran).</summary>
    public double? ColdSeconds { get; init; }

    /// <summary>Time to create the inference session.</summary>
    public double? SessionSeconds { get; init; }

    /// <summary>Execution providers that ran the nodes, as the runtime's profiler reported them.</summary>
    public IReadOnlyList<string>? Providers { get; init; }

    /// <summary>Some nodes ran on the CPU although another provider was asked for.</summary>
    public bool? FellBackToCpu { get; init; }

    /// <summary>
    /// Set when the block was measured together with its neighbours: the blocks run as one segment, as
    /// <c>first-last</c> block indexes. The times above are then that segment's times times <see cref="GroupShare"/>.
    /// </summary>
    public string? GroupBlocks { get; init; }

    /// <summary>This block's share of its group's times, from a per-node profile of the whole model.</summary>
    public double? GroupShare { get; init; }
}
