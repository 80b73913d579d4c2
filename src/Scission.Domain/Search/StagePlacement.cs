using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>What one stage does in a plan.</summary>
/// <param name="StageIndex">Position of the stage in the pipeline.</param>
/// <param name="Tier">The stage's tier.</param>
/// <param name="Resource">The resource serving it; <c>null</c> for an unused stage other than the first.</param>
/// <param name="FirstBlock">First block it runs (meaningless when <paramref name="BlockCount"/> is 0).</param>
/// <param name="BlockCount">Number of blocks it runs; 0 when unused.</param>
/// <param name="Layers">Layers it runs, or <c>null</c> when unused.</param>
/// <param name="ComputeSeconds">Sum of its blocks' latencies on its resource.</param>
/// <param name="OutputBytes">Output of its last block (what it sends onward when a later stage is used).</param>
public sealed record StagePlacement(
    int StageIndex,
    Tier Tier,
    string? Resource,
    int FirstBlock,
    int BlockCount,
    LayerRange? Layers,
    double ComputeSeconds,
    long OutputBytes)
{
    /// <summary>Whether the stage runs at least one block.</summary>
    public bool IsUsed => BlockCount > 0;
}
