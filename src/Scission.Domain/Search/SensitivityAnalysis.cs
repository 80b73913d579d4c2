using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>
/// Sensitivity of the best plan to each link it uses, in closed form, for the objectives linear in a link's
/// transfer time: latency and device energy. A plan uses a directed link at most once (a resource serves one
/// stage), and its value moves by <c>w × Δt</c> when that hop's time moves by <c>Δt</c>: <c>w</c> = 1 for latency;
/// for device energy, the first stage's transmit watts on its own outgoing hop and its idle watts on any later hop
/// (it waits while that hop runs). A hop's time is <c>ℓ + x / b</c>, so against each rival the best plan's lead is
/// <c>ΔA + Δk / b</c> in the bandwidth <c>b</c> (<c>k = w × x</c>) and <c>ΔB + Δw × ℓ</c> in the latency <c>ℓ</c>; each
/// bound is where the first rival's lead reaches zero. Computed in double precision from the plans' own values,
/// so a bound is exact to about 1e-12 relative, far inside what a link measurement can tell; beyond it, the rival
/// named is the best plan among all feasible ones (ties by latency, then path).
/// </summary>
internal static class SensitivityAnalysis
{
    private const double BytesPerMbps = 125_000;

    public static IReadOnlyList<LinkSensitivity> For(EnumeratedPlan best, List<EnumeratedPlan> plans, CompiledInstance instance, Objective objective, PowerFigures?[] power, Func<EnumeratedPlan, string> config)
    {
        var value = new PlanValue(objective, power);
        var result = new List<LinkSensitivity>();
        var order = new EnumeratedOrder([objective], instance.BlockCount);
        foreach (var (link, _) in best.Hops)
        {
            var b0 = instance.LinkBytesPerSecond[link];
            var l0 = instance.LinkSeconds[link];
            var bestValue = value.Of(best);
            var bestHop = HopOver(best, link);
            var bestWeight = value.Weight(best, bestHop);
            var bestK = bestWeight * best.Hops[bestHop].Bytes;
            double? upper = null, lower = null, latencyUpper = null, latencyLower = null;
            foreach (var plan in plans)
            {
                if (ReferenceEquals(plan, best))
                {
                    continue;
                }

                var lead = value.Of(plan) - bestValue;
                var hop = HopOver(plan, link);
                var weight = value.Weight(plan, hop);
                var dw = weight - bestWeight;
                if (dw < 0)
                {
                    // The best plan loses more per second of this link's latency than this rival does.
                    var at = l0 + (lead / -dw);
                    latencyUpper = latencyUpper is { } l ? Math.Min(l, at) : at;
                }
                else if (dw > 0)
                {
                    var at = l0 - (lead / dw);
                    latencyLower = latencyLower is { } l ? Math.Max(l, at) : at;
                }

                var dk = (weight * (hop < 0 ? 0 : plan.Hops[hop].Bytes)) - bestK;
                var da = lead - (dk / b0);
                if (dk > 0 && da < 0)
                {
                    var at = dk / -da;
                    upper = upper is { } u ? Math.Min(u, at) : at;
                }
                else if (dk < 0 && da > 0)
                {
                    var at = -dk / da;
                    lower = lower is { } w ? Math.Max(w, at) : at;
                }
            }

            // A bound beyond what a link may be (1 byte/s up to NetworkLink.MaxBandwidthMbps, latency 0 up to
            // NetworkLink.MaxLatencyMs) is never reached: the plan stays best over every link the service accepts.
            upper = upper > NetworkLink.MaxBandwidthMbps * BytesPerMbps ? null : upper;
            lower = lower < 1 ? null : lower;
            latencyUpper = latencyUpper > NetworkLink.MaxLatencyMs / 1000 ? null : latencyUpper;
            latencyLower = latencyLower < 0 ? null : latencyLower;
            var (source, destination) = (link / instance.ResourceCount, link % instance.ResourceCount);
            result.Add(new LinkSensitivity(
                instance.ResourceNames[source],
                instance.ResourceNames[destination],
                b0 / BytesPerMbps,
                lower / BytesPerMbps,
                upper / BytesPerMbps,
                lower is { } below ? Rival(plans, value, Bandwidth(link, b0, below * (1 - 1e-9)), order, config) : null,
                upper is { } above ? Rival(plans, value, Bandwidth(link, b0, above * (1 + 1e-9)), order, config) : null,
                l0 * 1000,
                latencyUpper * 1000,
                latencyUpper is { } over ? Rival(plans, value, Latency(link, (over * (1 + 1e-9)) - l0), order, config) : null)
            {
                MinLatencyMs = latencyLower * 1000,
                BelowMinLatency = latencyLower is { } under ? Rival(plans, value, Latency(link, (under * (1 - 1e-9)) - l0), order, config) : null,
            });
        }

        return result;
    }

    /// <summary>The link at <paramref name="bytesPerSecond"/> instead of <paramref name="now"/>.</summary>
    private static LinkChange Bandwidth(int link, double now, double bytesPerSecond) => new(link, now, bytesPerSecond, null);

    /// <summary>The link's latency moved by <paramref name="seconds"/>.</summary>
    private static LinkChange Latency(int link, double seconds) => new(link, 0, 0, seconds);

    /// <summary>A change to one link, its bandwidth or (<paramref name="Seconds"/> set) its latency: how much longer a hop of <c>bytes</c> over it takes.</summary>
    private readonly record struct LinkChange(int Link, double Now, double BytesPerSecond, double? Seconds)
    {
        public double Longer(long bytes) => Seconds ?? ((bytes / BytesPerSecond) - (bytes / Now));
    }

    /// <summary>The best plan once the link changes as <paramref name="change"/> says; ties by latency then, then path.</summary>
    private static RivalPlan Rival(List<EnumeratedPlan> plans, PlanValue value, LinkChange change, EnumeratedOrder order, Func<EnumeratedPlan, string> config)
    {
        EnumeratedPlan? best = null;
        var (bestValue, bestLatency) = (double.PositiveInfinity, double.PositiveInfinity);
        foreach (var plan in plans)
        {
            var hop = HopOver(plan, change.Link);
            var extra = hop < 0 ? 0 : change.Longer(plan.Hops[hop].Bytes);
            var (v, l) = (value.Of(plan) + (value.Weight(plan, hop) * extra), plan.LatencySeconds + extra);
            if (best is null || v < bestValue || (v == bestValue && (l < bestLatency || (l == bestLatency && order.Compare(plan, best) < 0))))
            {
                (best, bestValue, bestLatency) = (plan, v, l);
            }
        }

        return new RivalPlan(config(best!), best!.LatencySeconds) { DeviceEnergyJoules = value.IsEnergy ? best.DeviceEnergyJoules : null };
    }

    /// <summary>Which of the plan's hops crosses <paramref name="link"/>, or -1 (a plan uses a link at most once).</summary>
    private static int HopOver(EnumeratedPlan plan, int link)
    {
        var hops = plan.Hops;
        for (var h = 0; h < hops.Length; h++)
        {
            if (hops[h].Link == link)
            {
                return h;
            }
        }

        return -1;
    }

    /// <summary>What a plan is ranked by, and how fast it grows with the time of one of its hops.</summary>
    private readonly struct PlanValue(Objective objective, PowerFigures?[] power)
    {
        public bool IsEnergy => objective == Objective.DeviceEnergy;

        public double Of(EnumeratedPlan plan) => IsEnergy ? plan.DeviceEnergyJoules!.Value : plan.LatencySeconds;

        /// <summary>Value per second of the plan's hop number <paramref name="hop"/> (<see cref="HopOver"/>): 0 for none.</summary>
        public double Weight(EnumeratedPlan plan, int hop)
        {
            if (hop < 0)
            {
                return 0;
            }

            if (!IsEnergy)
            {
                return 1;
            }

            // The first hop leaves the first stage's machine, which transmits meanwhile; during any later hop it idles.
            var figures = power[plan.Resource[0]]!;
            return hop == 0 ? figures.TransmitWatts ?? 0 : figures.IdleWatts ?? 0;
        }
    }
}
