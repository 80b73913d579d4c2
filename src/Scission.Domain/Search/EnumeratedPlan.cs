namespace Scission.Domain.Search;

/// <summary>
/// A complete feasible plan as the enumerator records it: per stage its resource (-1 unused, the first stage always
/// has one) and the blocks done when it ends, and every metric, computed in the documented order.
/// </summary>
internal sealed class EnumeratedPlan
{
    public required int[] Resource { get; init; }

    /// <summary>Per stage, blocks done once it has run (its last block + 1; for an unused stage, the previous stage's).</summary>
    public required int[] End { get; init; }

    public required double[] StageSeconds { get; init; }

    public required double ComputeSeconds { get; init; }

    public required double TransferSeconds { get; init; }

    public required double LatencySeconds { get; init; }

    public required long TransferBytes { get; init; }

    /// <summary>The slowest used stage or hop: lower is more throughput.</summary>
    public required double BottleneckSeconds { get; init; }

    public required long DeviceUploadBytes { get; init; }

    public required double? DeviceEnergyJoules { get; init; }

    /// <summary>Per hop: its link (<c>source × resources + destination</c>) and the bytes it carries.</summary>
    public required (int Link, long Bytes)[] Hops { get; init; }

    /// <summary>The value ranked for <paramref name="objective"/>: lower is better for each.</summary>
    public double Key(Objective objective) => ObjectiveKey(objective, LatencySeconds, BottleneckSeconds, TransferBytes, DeviceUploadBytes, DeviceEnergyJoules);

    /// <summary>
    /// What a plan is ranked by for <paramref name="objective"/>, lower better: throughput as its bottleneck, and a
    /// plan without device energy after every plan with it.
    /// </summary>
    public static double ObjectiveKey(Objective objective, double latency, double bottleneck, long transferBytes, long deviceUploadBytes, double? deviceEnergy) => objective switch
    {
        Objective.Throughput => bottleneck,
        Objective.TransferBytes => transferBytes,
        Objective.DeviceUploadBytes => deviceUploadBytes,
        Objective.DeviceEnergy => deviceEnergy ?? double.PositiveInfinity,
        _ => latency,
    };

    /// <summary>The bytes the plan sends over <paramref name="link"/>, or <c>null</c> when it does not use it (a plan uses a link at most once).</summary>
    public long? BytesOver(int link)
    {
        foreach (var hop in Hops)
        {
            if (hop.Link == link)
            {
                return hop.Bytes;
            }
        }

        return null;
    }

    /// <summary>The stage and resource block <paramref name="block"/> runs on.</summary>
    public (int Stage, int Resource) Placement(int block)
    {
        for (var s = 0; s < End.Length; s++)
        {
            if (block < End[s])
            {
                return (s, Resource[s]);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(block));
    }
}
