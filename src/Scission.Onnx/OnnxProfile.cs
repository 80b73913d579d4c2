using Scission.Domain.Catalog;

namespace Scission.Onnx;

/// <summary>How a profile is measured.</summary>
public sealed record ProfileSettings
{
    /// <summary>Timed runs per block and for the whole model, at least.</summary>
    public int Repeats { get; init; } = 10;

    /// <summary>Untimed runs first, after the cold run, so caches and allocations settle.</summary>
    public int Warmup { get; init; } = 2;

    /// <summary>Keep timing each block until this much time has passed too (MLPerf-style); 0 for the repeats alone.</summary>
    public double MinSeconds { get; init; }

    /// <summary>ONNX Runtime intra-op threads; 0 lets it choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>The execution provider's short name (<see cref="ExecutionProviders.Names"/>).</summary>
    public string Provider { get; init; } = ExecutionProviders.Cpu;

    /// <summary>Which statistic becomes a block's latency: <c>median</c>, <c>p90</c> or <c>min</c>.</summary>
    public string Statistic { get; init; } = Statistics.Median;

    /// <summary>
    /// About how many sessions measure the blocks (<see cref="BlockGroups"/>): a model with more blocks has its
    /// small adjacent blocks measured together and their time apportioned by a per-node profile; 0 measures every
    /// block in a session of its own; <c>null</c> chooses by provider (<see cref="Sessions"/>).
    /// </summary>
    public int? TargetSessions { get; init; }

    /// <summary>Sessions grouped blocks aim at where a session costs much to create.</summary>
    public const int GroupedTargetSessions = 24;

    /// <summary>
    /// The target in effect. On the CPU provider a session of a small segment costs about a millisecond to create
    /// (495 blocks of MiniLM each in a session of its own took 2.9 times the whole model alone, grouped 2.8), so
    /// every block is measured as it will be deployed, alone; other providers compile kernels or engines per
    /// session, so their blocks are grouped.
    /// </summary>
    public int Sessions => TargetSessions ?? (Provider == ExecutionProviders.Cpu ? 0 : GroupedTargetSessions);

    /// <summary>Most sessions that may be asked for.</summary>
    public const int MaxTargetSessions = 10_000;

    /// <summary>Equivalence check: chained and whole outputs may differ by <c>absolute + relative × |whole|</c>.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-4;

    /// <summary>See <see cref="AbsoluteTolerance"/>.</summary>
    public double RelativeTolerance { get; init; } = 1e-3;
}

/// <summary>The statistics a benchmark's latencies may be taken from.</summary>
public static class Statistics
{
    public const string Median = "median";
    public const string P90 = "p90";
    public const string Min = "min";

    public static IReadOnlyList<string> Names { get; } = [Median, P90, Min];

    public static double Of(RunStatistics statistics, string statistic) => statistic switch
    {
        P90 => statistics.P90Seconds,
        Min => statistics.MinSeconds,
        _ => statistics.MedianSeconds,
    };
}

/// <summary>One block's timings: run alone on its segment, or its share of a group of blocks run together (see <see cref="RunStatistics.GroupShare"/>).</summary>
public sealed record BlockTiming(int Block, int FirstLayer, int LastLayer, long OutputBytes, RunStatistics Statistics)
{
    public double MedianSeconds => Statistics.MedianSeconds;

    public double P90Seconds => Statistics.P90Seconds;
}

/// <summary>A whole benchmark of a model on this machine.</summary>
/// <param name="Blocks">Each block's timings.</param>
/// <param name="Whole">The whole model's timings.</param>
/// <param name="Ratio">Sum of block medians over the whole model's median: near 1 when cutting costs little.</param>
/// <param name="MaxAbsoluteDifference">Largest difference between the chained blocks' output and the whole model's.</param>
/// <param name="Provenance">Where and how it was measured.</param>
/// <param name="WallSeconds">The whole profile, sessions included.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set once the profile is done.</param>
/// <param name="Sessions">Segments measured: the number of blocks unless small ones were grouped.</param>
public sealed record ModelProfile(
    IReadOnlyList<BlockTiming> Blocks,
    RunStatistics Whole,
    double Ratio,
    double MaxAbsoluteDifference,
    RuntimeProvenance Provenance,
    double WallSeconds,
    long PeakWorkingSetBytes,
    int Sessions)
{
    public double WholeMedianSeconds => Whole.MedianSeconds;

    public double SumOfBlocksMedianSeconds => Blocks.Sum(b => b.MedianSeconds);
}

/// <summary>Where and how the profile was measured.</summary>
/// <param name="Runtime">The runtime and its version.</param>
/// <param name="ExecutionProvider">The provider asked for, by the runtime's name.</param>
/// <param name="Threads">Thread settings.</param>
/// <param name="Cpu">The measuring machine's CPU.</param>
/// <param name="OperatingSystem">Its operating system.</param>
/// <param name="MeasuredAt">When.</param>
public sealed record RuntimeProvenance(string Runtime, string ExecutionProvider, string Threads, string Cpu, string OperatingSystem, DateTimeOffset MeasuredAt);

/// <summary>The blocks chained do not compute what the whole model computes: the cut is wrong, the run is void.</summary>
public sealed class EquivalenceException(string message) : Exception(message);

/// <summary>Progress of a profile: which block (or -1 for the whole model) is being measured.</summary>
public sealed record ProfileProgress(int Block, int BlockCount, string Stage);
