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
}
