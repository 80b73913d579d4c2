using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>
/// The metrics beyond latency, from a plan's stages and the links it uses, computed the same way whichever
/// search found the plan: the ranking by any objective and the numbers reported are the same doubles.
/// </summary>
internal static class PlanMetrics
{
    /// <summary>The plan with its hops, throughput, device upload and device energy filled in.</summary>
    public static PartitionPlan Complete(PartitionPlan plan, PartitionProblem problem, long inputBytes)
    {
        var hops = new List<HopTransfer>();
        var sender = plan.Stages[0];
        foreach (var stage in plan.Stages.Skip(1).Where(s => s.IsUsed))
        {
            var bytes = sender.IsUsed ? sender.OutputBytes : inputBytes;
            problem.TryGetLink(sender.Resource!, stage.Resource!, out var link);
            hops.Add(new HopTransfer(sender.StageIndex, stage.StageIndex, sender.Resource!, stage.Resource!, bytes, link.TransferSeconds(bytes)));
            sender = stage;
        }

        var bottleneck = Bottleneck(plan.Stages.Where(s => s.IsUsed).Select(s => s.ComputeSeconds).Concat(hops.Select(h => h.Seconds)));
        var first = plan.Stages[0];
        var firstHop = hops.Count > 0 && hops[0].FromStage == 0 ? hops[0] : null;
        var power = problem.Profiles[first.Resource!].Resource.Power;
        return plan with
        {
            Hops = hops,
            ThroughputPerSecond = Throughput(bottleneck),
            DeviceUploadBytes = firstHop?.Bytes ?? 0,
            DeviceEnergyJoules = power is { Any: true } ? power.EnergyJoules(first.ComputeSeconds, firstHop?.Seconds ?? 0, plan.LatencySeconds) : null,
        };
    }

    /// <summary>The slowest of a pipeline's steps.</summary>
    public static double Bottleneck(IEnumerable<double> seconds) => seconds.DefaultIfEmpty(0).Max();

    public static double? Throughput(double bottleneckSeconds)
    {
        // A bottleneck of 0 s, or one so small (subnormal) that its inverse overflows, has no rate a double can hold.
        var rate = 1 / bottleneckSeconds;
        return double.IsFinite(rate) && rate > 0 ? rate : null;
    }
}
