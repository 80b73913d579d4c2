using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>
/// Sensitivity of the best plan to each link it uses, in closed form. A plan's latency is a constant plus
/// <c>bytes / bandwidth</c> on a link it uses (each directed link carries at most one hop of a plan, since a
/// resource serves one stage) and plus the link's latency once: so against each rival the best plan's lead is
/// <c>ΔA + Δx / b</c> in the bandwidth <c>b</c> and <c>ΔA − ℓ</c> in the latency <c>ℓ</c>, and the bound is where the
/// first rival's lead reaches zero. Computed in double precision from the plans' own latencies, so a bound is
/// exact to about 1e-12 relative, far inside what a link measurement can tell; beyond it, the rival named is the
/// best plan among all feasible ones (ties by latency, then path).
/// </summary>
internal static class SensitivityAnalysis
{
    private const double BytesPerMbps = 125_000;

    public static IReadOnlyList<LinkSensitivity> For(EnumeratedPlan best, List<EnumeratedPlan> plans, CompiledInstance instance, Func<EnumeratedPlan, string> config)
    {
        var result = new List<LinkSensitivity>();
        var order = new EnumeratedOrder([Objective.Latency], instance.BlockCount);
        foreach (var (link, bestBytes) in best.Hops)
        {
            var b0 = instance.LinkBytesPerSecond[link];
            var l0 = instance.LinkSeconds[link];
            double? upper = null, lower = null, latencyUpper = null;
            foreach (var plan in plans)
            {
                if (ReferenceEquals(plan, best))
                {
                    continue;
                }

                var bytes = plan.BytesOver(link);
                var lead = plan.LatencySeconds - best.LatencySeconds;
                if (bytes is null)
                {
                    // Not on this link: only the best plan slows as the link's latency grows.
                    var at = l0 + lead;
                    latencyUpper = latencyUpper is { } l ? Math.Min(l, at) : at;
                }

                var dx = (double)((bytes ?? 0) - bestBytes);
                var da = lead - (dx / b0);
                if (dx > 0 && da < 0)
                {
                    var at = dx / -da;
                    upper = upper is { } u ? Math.Min(u, at) : at;
                }
                else if (dx < 0 && da > 0)
                {
                    var at = -dx / da;
                    lower = lower is { } w ? Math.Max(w, at) : at;
                }
            }

            // A bound beyond what a link may be (1 byte/s up to NetworkLink.MaxBandwidthMbps, latency up to
            // NetworkLink.MaxLatencyMs) is never reached: the plan stays best over every link the service accepts.
            upper = upper > NetworkLink.MaxBandwidthMbps * BytesPerMbps ? null : upper;
            lower = lower < 1 ? null : lower;
            latencyUpper = latencyUpper > NetworkLink.MaxLatencyMs / 1000 ? null : latencyUpper;
            var (source, destination) = (link / instance.ResourceCount, link % instance.ResourceCount);
            result.Add(new LinkSensitivity(
                instance.ResourceNames[source],
                instance.ResourceNames[destination],
                b0 / BytesPerMbps,
                lower / BytesPerMbps,
                upper / BytesPerMbps,
                lower is { } below ? Rival(plans, p => Bandwidth(p, link, b0, below * (1 - 1e-9)), order, config) : null,
                upper is { } above ? Rival(plans, p => Bandwidth(p, link, b0, above * (1 + 1e-9)), order, config) : null,
                l0 * 1000,
                latencyUpper * 1000,
                latencyUpper is { } over ? Rival(plans, p => p.LatencySeconds + (p.BytesOver(link) is null ? 0 : over * (1 + 1e-9) - l0), order, config) : null));
        }

        return result;
    }

    /// <summary>A plan's latency with the link at <paramref name="bytesPerSecond"/> instead of <paramref name="now"/>.</summary>
    private static double Bandwidth(EnumeratedPlan plan, int link, double now, double bytesPerSecond) =>
        plan.BytesOver(link) is { } bytes ? plan.LatencySeconds - (bytes / now) + (bytes / bytesPerSecond) : plan.LatencySeconds;

    /// <summary>The best plan under modified latencies, ties by latency now and then path.</summary>
    private static RivalPlan Rival(List<EnumeratedPlan> plans, Func<EnumeratedPlan, double> latency, EnumeratedOrder order, Func<EnumeratedPlan, string> config)
    {
        EnumeratedPlan? best = null;
        var bestLatency = double.PositiveInfinity;
        foreach (var plan in plans)
        {
            var value = latency(plan);
            if (best is null || value < bestLatency || (value == bestLatency && order.Compare(plan, best) < 0))
            {
                (best, bestLatency) = (plan, value);
            }
        }

        return new RivalPlan(config(best!), best!.LatencySeconds);
    }
}
