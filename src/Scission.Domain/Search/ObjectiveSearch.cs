using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>
/// Ranks plans by an objective other than latency, or answers a Pareto front, exactly: every feasible plan is
/// enumerated (<see cref="PlanEnumerator"/>), then the best <c>top</c> are selected, or the plans no other plan
/// dominates. Latency alone keeps the best-first search, which needs no enumeration.
/// </summary>
internal static class ObjectiveSearch
{
    public static SearchOutcome Run(PartitionProblem problem, PartitionQuery query, CompiledInstance instance, long planBudget)
    {
        var pareto = query.Pareto is { Count: > 0 } front ? front : null;
        var objectives = pareto ?? [query.Objective];
        var power = instance.ResourceNames.Select(name => problem.Profiles[name].Resource.Power).ToArray();
        if (objectives.Contains(Objective.DeviceEnergy))
        {
            var missing = instance.Candidates[0].Where(r => power[r] is not { Any: true }).Select(r => instance.ResourceNames[r]).ToList();
            if (missing.Count > 0)
            {
                return SearchOutcome.Refused([new(pareto is null ? "objective" : "pareto", $"device energy needs power figures (computeWatts, transmitWatts, idleWatts) on every resource the first stage may use; {string.Join(", ", missing)} has none")]);
            }
        }

        var enumerated = PlanEnumerator.Run(instance, power, planBudget);
        if (enumerated.OverBudget)
        {
            return SearchOutcome.Refused([new(pareto is null ? "objective" : "pareto", $"the query has more than {planBudget} feasible plans, too many to rank by {string.Join(", ", objectives)} exactly; narrow the stages or their resources, or rank by latency")]);
        }

        var order = new EnumeratedOrder(objectives, instance.BlockCount);
        var chosen = pareto is null ? Best(enumerated.Plans, order, query.Top) : Front(enumerated.Plans, order, objectives, query.Top);
        return SearchOutcome.Of([.. chosen.Select(plan => PlanMetrics.Complete(Build(plan, instance, problem.Layout), problem, query.InputBytes))]);
    }

    /// <summary>The first <paramref name="top"/> in the order, without sorting the rest.</summary>
    private static List<EnumeratedPlan> Best(List<EnumeratedPlan> plans, EnumeratedOrder order, int top)
    {
        var worstFirst = new PriorityQueue<EnumeratedPlan, EnumeratedPlan>(Comparer<EnumeratedPlan>.Create((a, b) => order.Compare(b, a)));
        foreach (var plan in plans)
        {
            if (worstFirst.Count < top)
            {
                worstFirst.Enqueue(plan, plan);
            }
            else if (order.Compare(plan, worstFirst.Peek()) < 0)
            {
                worstFirst.DequeueEnqueue(plan, plan);
            }
        }

        var best = new List<EnumeratedPlan>(worstFirst.Count);
        while (worstFirst.TryDequeue(out var plan, out _))
        {
            best.Add(plan);
        }

        best.Reverse();
        return best;
    }

    /// <summary>
    /// Plans no other plan dominates (no worse on every objective, better on one), sorted by the objectives in
    /// order, then latency and path. In that order a plan's dominators all come before it, and one that is
    /// dominated is dominated by a plan already in the front, so each plan is checked against the front alone.
    /// </summary>
    private static List<EnumeratedPlan> Front(List<EnumeratedPlan> plans, EnumeratedOrder order, IReadOnlyList<Objective> objectives, int top)
    {
        plans.Sort(order);
        var front = new List<EnumeratedPlan>();
        foreach (var plan in plans)
        {
            if (!front.Exists(member => Dominates(member, plan, objectives)))
            {
                front.Add(plan);
            }
        }

        return front.Count > top ? front.GetRange(0, top) : front;
    }

    private static bool Dominates(EnumeratedPlan a, EnumeratedPlan b, IReadOnlyList<Objective> objectives)
    {
        var better = false;
        foreach (var objective in objectives)
        {
            var (x, y) = (a.Key(objective), b.Key(objective));
            if (x > y)
            {
                return false;
            }

            better |= x < y;
        }

        return better;
    }

    public static PartitionPlan Build(EnumeratedPlan plan, CompiledInstance instance, BlockLayout layout)
    {
        var stages = new StagePlacement[instance.StageCount];
        var first = 0;
        for (var s = 0; s < stages.Length; s++)
        {
            var resource = plan.Resource[s];
            var count = plan.End[s] - first;
            var last = plan.End[s] - 1;
            stages[s] = resource < 0
                ? new StagePlacement(s, instance.StageTiers[s], null, 0, 0, null, 0, 0)
                : new StagePlacement(s, instance.StageTiers[s], instance.ResourceNames[resource], count > 0 ? first : 0, count, count > 0 ? new LayerRange(layout.Blocks[first].FirstLayer, layout.Blocks[last].LastLayer) : null, plan.StageSeconds[s], count > 0 ? instance.Output[resource][last] : 0);
            first = plan.End[s];
        }

        return new PartitionPlan(plan.LatencySeconds, plan.ComputeSeconds, plan.TransferSeconds, plan.TransferBytes, stages);
    }
}
