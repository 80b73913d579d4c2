using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>
/// Ranks plans by an objective other than latency, or answers a Pareto front, exactly: every feasible plan is
/// enumerated (<see cref="PlanEnumerator"/>) into the best <c>top</c> (<see cref="TopPlans"/>) or the plans no other
/// plan dominates (<see cref="ParetoFront"/>). Latency alone keeps the best-first search, which needs no enumeration.
/// </summary>
internal static class ObjectiveSearch
{
    public static SearchOutcome Run(PartitionProblem problem, PartitionQuery query, CompiledInstance instance, long planBudget)
    {
        var pareto = query.Pareto is { Count: > 0 } asked ? asked : null;
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

        var order = new EnumeratedOrder(objectives, instance.BlockCount);
        var top = new TopPlans(order, objectives, query.Top);
        var front = new ParetoFront(objectives);
        var enumerated = PlanEnumerator.Run(instance, power, planBudget, pareto is null ? top : (IPlanSink)front);
        if (enumerated.OverBudget)
        {
            return SearchOutcome.Refused([new(pareto is null ? "objective" : "pareto", $"the query has more than {planBudget} feasible plans, too many to rank by {string.Join(", ", objectives)} exactly; narrow the stages or their resources, or rank by latency")]);
        }

        // A front is sorted by its objectives in order, then latency and path, and cut at top.
        var chosen = pareto is null ? top.Best() : [.. front.Members.Order(order).Take(query.Top)];
        return SearchOutcome.Of([.. chosen.Select(plan => PlanMetrics.Complete(Build(plan, instance, problem.Layout), problem, query.InputBytes))]);
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
