namespace Scission.Domain.Constraints;

/// <summary>A ranked partition question: the pipeline, the input size and how many plans to return.</summary>
/// <param name="Stages">Ordered stages; the first one holds the input.</param>
public sealed record PartitionQuery(IReadOnlyList<PipelineStage> Stages)
{
    /// <summary>The original tool's default input: 0.15 MB.</summary>
    public const long DefaultInputBytes = 150_000;

    /// <summary>The original tool's default number of results.</summary>
    public const int DefaultTop = 5;

    /// <summary>Bytes of input the first stage holds; they cross the first hop when that stage runs nothing.</summary>
    public long InputBytes { get; init; } = DefaultInputBytes;

    /// <summary>How many plans to return.</summary>
    public int Top { get; init; } = DefaultTop;

    /// <summary>What the plans are ranked by (latency unless said).</summary>
    public Search.Objective Objective { get; init; } = Search.Objective.Latency;

    /// <summary>When it holds two or more objectives: answer the plans no other plan beats on all of them (capped by <see cref="Top"/>).</summary>
    public IReadOnlyList<Search.Objective>? Pareto { get; init; }

    /// <summary>Also say, for every link the best plan uses, how far it may move before another plan is best.</summary>
    public bool Sensitivity { get; init; }
}
