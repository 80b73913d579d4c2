using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Domain.Tests.Support;

/// <summary>
/// The definition of the problem, written as plainly as possible and sharing no cost or limit code with the
/// engine: every split of the blocks over the stages, every choice of resources, every constraint checked on the
/// finished plan straight from the documented rules (docs/solver.md). Slow on purpose.
/// </summary>
internal static class BruteForce
{
    public sealed record Plan(double LatencySeconds, long TransferBytes, string[] Resources, int[] Counts, string Configuration)
    {
        /// <summary>The slowest used stage or hop.</summary>
        public double BottleneckSeconds { get; init; }

        public long DeviceUploadBytes { get; init; }

        public double? DeviceEnergyJoules { get; init; }

        /// <summary>Per hop: source, destination, bytes.</summary>
        public List<(string Source, string Destination, long Bytes)> Hops { get; init; } = [];

        /// <summary>Lower is better, per objective (throughput as its bottleneck).</summary>
        public double Key(Search.Objective objective) => objective switch
        {
            Search.Objective.Throughput => BottleneckSeconds,
            Search.Objective.TransferBytes => TransferBytes,
            Search.Objective.DeviceUploadBytes => DeviceUploadBytes,
            Search.Objective.DeviceEnergy => DeviceEnergyJoules ?? double.PositiveInfinity,
            _ => LatencySeconds,
        };
    }

    /// <summary>Every feasible plan, ranked by latency and the tie rule.</summary>
    public static List<Plan> All(PartitionProblem problem, PartitionQuery query)
    {
        var plans = new List<Plan>();
        Split(problem, query, 0, problem.Layout.Count, new int[query.Stages.Count], new string?[query.Stages.Count], plans);
        plans.Sort(Compare);
        return plans;
    }

    /// <summary>Plans ranked by <paramref name="objectives"/> in order, then latency, then the tie rule.</summary>
    public static List<Plan> RankBy(List<Plan> all, IReadOnlyList<Search.Objective> objectives)
    {
        var ranked = all.ToList();
        ranked.Sort((a, b) =>
        {
            foreach (var objective in objectives)
            {
                var order = a.Key(objective).CompareTo(b.Key(objective));
                if (order != 0)
                {
                    return order;
                }
            }

            return Compare(a, b);
        });
        return ranked;
    }

    public static List<Plan> Rank(PartitionProblem problem, PartitionQuery query)
    {
        var plans = new List<Plan>();
        var counts = new int[query.Stages.Count];
        var resources = new string?[query.Stages.Count];
        Split(problem, query, 0, problem.Layout.Count, counts, resources, plans);
        plans.Sort(Compare);
        return [.. plans.Take(query.Top)];
    }

    private static void Split(PartitionProblem problem, PartitionQuery query, int stage, int left, int[] counts, string?[] resources, List<Plan> plans)
    {
        if (stage == counts.Length)
        {
            if (left == 0)
            {
                Choose(problem, query, 0, counts, resources, plans);
            }

            return;
        }

        for (var count = 0; count <= left; count++)
        {
            counts[stage] = count;
            Split(problem, query, stage + 1, left - count, counts, resources, plans);
        }
    }

    private static void Choose(PartitionProblem problem, PartitionQuery query, int stage, int[] counts, string?[] resources, List<Plan> plans)
    {
        if (stage == counts.Length)
        {
            if (Evaluate(problem, query, counts, resources) is { } plan)
            {
                plans.Add(plan);
            }

            return;
        }

        if (stage > 0 && counts[stage] == 0)
        {
            resources[stage] = null;
            Choose(problem, query, stage + 1, counts, resources, plans);
            return;
        }

        foreach (var name in query.Stages[stage].Candidates.Distinct())
        {
            resources[stage] = name;
            Choose(problem, query, stage + 1, counts, resources, plans);
        }
    }

    private static Plan? Evaluate(PartitionProblem problem, PartitionQuery query, int[] counts, string?[] resources)
    {
        var used = resources.Where(r => r is not null).ToList();
        if (used.Distinct().Count() != used.Count)
        {
            return null;
        }

        var layout = problem.Layout;
        var stageCompute = new double[counts.Length];
        var participants = new List<int>();
        var start = 0;
        for (var s = 0; s < counts.Length; s++)
        {
            var constraints = query.Stages[s].Constraints;
            var name = resources[s];
            if (name is not null)
            {
                if (constraints.OnlyResources is { } only && !only.Contains(name))
                {
                    return null;
                }

                if (constraints.ExcludedResources.Contains(name))
                {
                    return null;
                }

                participants.Add(s);
            }

            if ((constraints.MustBeUsed && counts[s] == 0) || (constraints.MustBeUnused && counts[s] > 0))
            {
                return null;
            }

            var firstLayer = counts[s] > 0 ? layout.Blocks[start].FirstLayer : -1;
            var lastLayer = counts[s] > 0 ? layout.Blocks[start + counts[s] - 1].LastLayer : -2;
            if (constraints.RequiredLayers.Any(l => l < firstLayer || l > lastLayer) || constraints.ForbiddenLayers.Any(l => l >= firstLayer && l <= lastLayer))
            {
                return null;
            }

            for (var b = start; b < start + counts[s]; b++)
            {
                stageCompute[s] += problem.Profiles[name!].Blocks[b].LatencySeconds;
            }

            start += counts[s];
        }

        // The latency as documented: stage sums in block order, added in pipeline order, then hops in hop order.
        var compute = 0.0;
        for (var s = 0; s < counts.Length; s++)
        {
            compute += stageCompute[s];
        }

        for (var s = 0; s < counts.Length; s++)
        {
            if (query.Stages[s].Constraints.TimeLimit is { } limit && !KeepsLimit(limit.IsPercent, limit.Value, stageCompute[s], compute))
            {
                return null;
            }
        }

        var transfer = 0.0;
        long bytesSent = 0;
        var blocksDone = counts[0];
        var slowest = participants.Where(s => counts[s] > 0).Select(s => stageCompute[s]).DefaultIfEmpty(0).Max();
        var hops = new List<(string, string, long)>();
        double firstHop = 0;
        for (var h = 0; h + 1 < participants.Count; h++)
        {
            var sender = participants[h];
            var receiver = participants[h + 1];
            var bytes = counts[sender] == 0 ? query.InputBytes : problem.Profiles[resources[sender]!].Blocks[blocksDone - 1].OutputBytes;
            if (bytes > (query.Stages[sender].Constraints.MaxUploadBytes ?? long.MaxValue)
                || !problem.TryGetLink(resources[sender]!, resources[receiver]!, out var link))
            {
                return null;
            }

            var seconds = Hop(link.LatencyMs, link.BandwidthMbps, bytes);
            transfer += seconds;
            bytesSent += bytes;
            blocksDone += counts[receiver];
            slowest = Math.Max(slowest, seconds);
            hops.Add((resources[sender]!, resources[receiver]!, bytes));
            firstHop = h == 0 ? seconds : firstHop;
        }

        var latency = compute + transfer;
        var power = problem.Profiles[resources[0]!].Resource.Power;
        return new Plan(latency, bytesSent, [.. resources.Select(r => r ?? "")], [.. counts], Configuration(problem, query, counts, resources))
        {
            BottleneckSeconds = slowest,
            DeviceUploadBytes = hops.Count > 0 ? hops[0].Item3 : 0,
            // The documented formula: compute, transmit and idle watts over the device's compute, its hop, and the rest.
            DeviceEnergyJoules = power is null || (power.ComputeWatts is null && power.TransmitWatts is null && power.IdleWatts is null)
                ? null
                : ((power.ComputeWatts ?? 0) * stageCompute[0]) + ((power.TransmitWatts ?? 0) * firstHop) + ((power.IdleWatts ?? 0) * Math.Max(0, latency - stageCompute[0] - firstHop)),
            Hops = hops,
        };
    }

    /// <summary>The original tool's hop: latency in ms over 1000, plus bytes over the bandwidth rounded half to even to whole bytes per second.</summary>
    private static double Hop(double latencyMs, double bandwidthMbps, long bytes) =>
        (latencyMs / 1000) + (bytes / Math.Round(bandwidthMbps * 125_000, MidpointRounding.ToEven));

    /// <summary>The original tool's tests: stage / total * 100 &lt;= P (nothing computed keeps any limit); seconds on the stage's own sum.</summary>
    private static bool KeepsLimit(bool percent, double value, double stage, double total) =>
        percent ? total == 0 || stage / total * 100 <= value : stage <= value;

    private static string Configuration(PartitionProblem problem, PartitionQuery query, int[] counts, string?[] resources)
    {
        var parts = new List<string>();
        var start = 0;
        for (var s = 0; s < counts.Length; s++)
        {
            var label = query.Stages[s].Tier.ToString();
            var range = counts[s] > 0
                ? $"{problem.Layout.Blocks[start].FirstLayer} - {problem.Layout.Blocks[start + counts[s] - 1].LastLayer}"
                : "-1 - -1";
            parts.Add($"{label}({resources[s] ?? "None"}) = {range}");
            start += counts[s];
        }

        return string.Join(", ", parts);
    }

    /// <summary>Latency, then the device's name, then at the first block placed differently: earlier stage, then resource name.</summary>
    private static int Compare(Plan a, Plan b)
    {
        if (a.LatencySeconds != b.LatencySeconds)
        {
            return a.LatencySeconds.CompareTo(b.LatencySeconds);
        }

        var device = string.CompareOrdinal(a.Resources[0], b.Resources[0]);
        if (device != 0)
        {
            return device;
        }

        var left = Placement(a);
        var right = Placement(b);
        for (var block = 0; block < left.Count; block++)
        {
            if (left[block] != right[block])
            {
                return left[block].Stage != right[block].Stage
                    ? left[block].Stage.CompareTo(right[block].Stage)
                    : string.CompareOrdinal(left[block].Resource, right[block].Resource);
            }
        }

        return 0;
    }

    private static List<(int Stage, string Resource)> Placement(Plan plan)
    {
        var placement = new List<(int, string)>();
        for (var s = 0; s < plan.Counts.Length; s++)
        {
            placement.AddRange(Enumerable.Repeat((s, plan.Resources[s]), plan.Counts[s]));
        }

        return placement;
    }
}
