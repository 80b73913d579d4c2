using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>
/// A query laid out as flat arrays for the search: resources numbered in name order, per-stage candidate
/// lists already filtered, per-stage block permissions, limits and caps.
/// </summary>
internal sealed class CompiledInstance
{
    public required int BlockCount { get; init; }
    public required int StageCount { get; init; }
    public required Tier[] StageTiers { get; init; }
    public required string[] ResourceNames { get; init; }

    /// <summary>Per stage, the resource numbers that may serve it, ascending (so in name order).</summary>
    public required int[][] Candidates { get; init; }
    public required double[][] Latency { get; init; }
    public required long[][] Output { get; init; }

    /// <summary>Link latency in seconds and bandwidth in bytes/s at <c>source * ResourceCount + destination</c>; bandwidth 0 = no link.</summary>
    public required double[] LinkSeconds { get; init; }
    public required double[] LinkBytesPerSecond { get; init; }

    /// <summary>Per stage and block: may the block run on the stage.</summary>
    public required bool[][] Allowed { get; init; }
    public required bool[] MustUse { get; init; }
    public required long[] UploadCap { get; init; }
    public required double[] SecondsLimit { get; init; }
    public required TimeLimit?[] PercentLimit { get; init; }

    /// <summary>Whether some resource may serve two stages, so plans must be checked for reuse.</summary>
    public required bool SharedCandidates { get; init; }
    public required bool AnyPercentLimit { get; init; }
    public required long InputBytes { get; init; }
    public required int Top { get; init; }

    /// <summary>Constraints that contradict each other or the layout: no plan exists.</summary>
    public required bool Contradictory { get; init; }

    public int ResourceCount => ResourceNames.Length;

    /// <summary>The last stage a hop out of <paramref name="stage"/> may reach: it may not skip a stage that must be used.</summary>
    public int LastReachable(int stage)
    {
        for (var next = stage + 1; next < StageCount; next++)
        {
            if (MustUse[next])
            {
                return next;
            }
        }

        return StageCount - 1;
    }

    /// <summary>Whether a plan may end on <paramref name="stage"/>: no later stage must be used.</summary>
    public bool MayEndOn(int stage)
    {
        for (var later = stage + 1; later < StageCount; later++)
        {
            if (MustUse[later])
            {
                return false;
            }
        }

        return true;
    }

    public double HopSeconds(int source, int destination, long bytes)
    {
        var link = (source * ResourceCount) + destination;
        return LinkSeconds[link] + (bytes / LinkBytesPerSecond[link]);
    }

    public bool HasLink(int source, int destination) => LinkBytesPerSecond[(source * ResourceCount) + destination] > 0;

    /// <summary>Bytes a stage on <paramref name="resource"/> sends after <paramref name="blocksDone"/> blocks (the input when none ran).</summary>
    public long BytesAfter(int resource, int blocksDone) => blocksDone == 0 ? InputBytes : Output[resource][blocksDone - 1];
}
