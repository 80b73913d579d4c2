namespace Scission.Domain.Search;

/// <summary>
/// Which plan is best as one link's bandwidth runs over a range, everything else fixed. In <c>t = 1 / bandwidth</c>
/// every plan's latency is a line, <c>A + x·t</c> (<c>x</c>: the bytes it sends over the link, 0 if it does not
/// use it), so the best plan over the range is the lower envelope of those lines: walking from the highest
/// bandwidth down, the next plan to take over is the one whose line crosses the current best's first.
/// </summary>
internal static class BandwidthSweep
{
    private const double BytesPerMbps = 125_000;

    /// <summary>The winners from <paramref name="fromMbps"/> up to <paramref name="toMbps"/>, in ascending bandwidth, each with its line.</summary>
    public static IReadOnlyList<SweepSegment> Run(List<EnumeratedPlan> plans, CompiledInstance instance, int link, double fromMbps, double toMbps, Func<EnumeratedPlan, string> config)
    {
        var now = instance.LinkBytesPerSecond[link];
        var lines = plans.Select(p => (Plan: p, Bytes: p.BytesOver(link) ?? 0, Constant: p.LatencySeconds - ((p.BytesOver(link) ?? 0) / now))).ToList();
        var order = new EnumeratedOrder([Objective.Latency], instance.BlockCount);
        var (tStart, tEnd) = (1 / (toMbps * BytesPerMbps), 1 / (fromMbps * BytesPerMbps));
        var segments = new List<SweepSegment>();
        var t = tStart;
        var best = Best(lines, t, order);
        while (true)
        {
            // The first line below the best's beyond t: only a smaller slope can cross it from below as t grows.
            var next = double.PositiveInfinity;
            foreach (var line in lines)
            {
                if (line.Bytes < best.Bytes)
                {
                    var at = (line.Constant - best.Constant) / (best.Bytes - line.Bytes);
                    if (at > t && at < next)
                    {
                        next = at;
                    }
                }
            }

            var end = Math.Min(next, tEnd);
            segments.Add(new SweepSegment(1 / (end * BytesPerMbps), 1 / (t * BytesPerMbps), config(best.Plan), best.Constant, best.Bytes, best.Plan.LatencySeconds));
            if (next >= tEnd)
            {
                break;
            }

            t = next;
            best = Best(lines, next * (1 + 1e-12), order);
        }

        segments.Reverse();
        return segments;
    }

    private static (EnumeratedPlan Plan, long Bytes, double Constant) Best(List<(EnumeratedPlan Plan, long Bytes, double Constant)> lines, double t, EnumeratedOrder order)
    {
        var best = lines[0];
        var bestLatency = best.Constant + (best.Bytes * t);
        foreach (var line in lines)
        {
            var latency = line.Constant + (line.Bytes * t);
            if (latency < bestLatency || (latency == bestLatency && order.Compare(line.Plan, best.Plan) < 0))
            {
                (best, bestLatency) = (line, latency);
            }
        }

        return best;
    }
}

/// <summary>
/// One stretch of bandwidth over which one plan is best: its latency there is
/// <c>ConstantSeconds + Bytes / (bandwidth in bytes/s)</c>.
/// </summary>
/// <param name="FromMbps">Lower end.</param>
/// <param name="ToMbps">Upper end.</param>
/// <param name="Config">The plan.</param>
/// <param name="ConstantSeconds">Its latency without the link's transfer of bytes.</param>
/// <param name="Bytes">What it sends over the link (0 when it does not use it).</param>
/// <param name="LatencySeconds">Its latency with the link as stored.</param>
public sealed record SweepSegment(double FromMbps, double ToMbps, string Config, double ConstantSeconds, long Bytes, double LatencySeconds)
{
    /// <summary>The plan's latency at <paramref name="mbps"/>.</summary>
    public double LatencyAt(double mbps) => ConstantSeconds + (Bytes / (mbps * 125_000));
}
