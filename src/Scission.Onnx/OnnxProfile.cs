namespace Scission.Onnx;

/// <summary>How a profile is measured.</summary>
public sealed record ProfileSettings
{
    /// <summary>Timed runs per block and for the whole model.</summary>
    public int Repeats { get; init; } = 10;

    /// <summary>Untimed runs first, so caches and allocations settle.</summary>
    public int Warmup { get; init; } = 2;

    /// <summary>ONNX Runtime intra-op threads; 0 lets it choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>The input; a deterministic pseudo-random one of the analysed shape when <c>null</c>.</summary>
    public float[]? Input { get; init; }

    /// <summary>Equivalence check: chained and whole outputs may differ by <c>absolute + relative × |whole|</c>.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-4;

    /// <summary>See <see cref="AbsoluteTolerance"/>.</summary>
    public double RelativeTolerance { get; init; } = 1e-3;
}

/// <summary>Timings of one block, run alone on its segment, fed the previous block's real output.</summary>
public sealed record BlockTiming(int Block, int FirstLayer, int LastLayer, double MedianSeconds, double P90Seconds, double StdDevSeconds, int Repeats, long OutputBytes);

/// <summary>A whole benchmark of a model on this machine.</summary>
/// <param name="Blocks">Each block's timings.</param>
/// <param name="WholeMedianSeconds">Median of the whole model's timed runs.</param>
/// <param name="WholeP90Seconds">90th percentile of the whole model's timed runs.</param>
/// <param name="SumOfBlocksMedianSeconds">What running the blocks one after another costs.</param>
/// <param name="Ratio">Sum of block medians over the whole model's median: near 1 when cutting costs little.</param>
/// <param name="MaxAbsoluteDifference">Largest difference between the chained blocks' output and the whole model's.</param>
/// <param name="Provenance">Where and how it was measured.</param>
/// <param name="WallSeconds">The whole profile, sessions included.</param>
/// <param name="WholeOnlySeconds">One whole-model session creation plus its timed runs.</param>
public sealed record ModelProfile(
    IReadOnlyList<BlockTiming> Blocks,
    double WholeMedianSeconds,
    double WholeP90Seconds,
    double SumOfBlocksMedianSeconds,
    double Ratio,
    double MaxAbsoluteDifference,
    RuntimeProvenance Provenance,
    double WallSeconds,
    double WholeOnlySeconds);

/// <summary>Where and how the profile was measured.</summary>
public sealed record RuntimeProvenance(string Runtime, string ExecutionProvider, string Threads, string Cpu, string OperatingSystem, DateTimeOffset MeasuredAt);

/// <summary>The blocks chained do not compute what the whole model computes: the cut is wrong, the run is void.</summary>
public sealed class EquivalenceException(string message) : Exception(message);

/// <summary>Progress of a profile: which block (or -1 for the whole model) is being measured.</summary>
public sealed record ProfileProgress(int Block, int BlockCount, string Stage);
