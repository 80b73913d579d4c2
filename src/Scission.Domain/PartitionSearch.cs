using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Search;

namespace Scission.Domain;

/// <summary>Ranks the ways to split a model over a pipeline of stages by end-to-end latency.</summary>
public static class PartitionSearch
{
    /// <summary>Memory one query may use for its partial plans and bounds before it answers with what it has proven.</summary>
    public const long DefaultMemoryBudgetBytes = 64L * 1024 * 1024;

    /// <summary>Plans an objective other than latency, or a Pareto front, may enumerate before the query is refused.</summary>
    public const long DefaultPlanBudget = 2_000_000;

    /// <summary>
    /// Finds the <see cref="PartitionQuery.Top"/> plans of lowest latency that meet every constraint, exactly.
    /// Equal latencies are ordered by path (see docs/solver.md). A query with contradictory constraints has no plan.
    /// When the search would need more than <paramref name="memoryBudgetBytes"/>, or <paramref name="deadline"/>
    /// passes, the outcome holds the plans proven best so far, in order, and says why it was cut short.
    /// </summary>
    public static SearchOutcome Run(PartitionProblem problem, PartitionQuery query, long memoryBudgetBytes = DefaultMemoryBudgetBytes, SearchDeadline deadline = default)
    {
        var errors = new List<QueryError>();
        var instance = InstanceCompiler.Compile(problem, query, errors);
        if (instance is null)
        {
            return SearchOutcome.Refused(errors);
        }

        if (instance.Contradictory)
        {
            return SearchOutcome.Of([]);
        }

        if (query.Sensitivity && (query.Objective is not (Objective.Latency or Objective.DeviceEnergy) || query.Pareto is { Count: > 0 }))
        {
            return SearchOutcome.Refused([new("sensitivity", "is computed for the latency and deviceEnergy objectives, which a link's time moves linearly: leave pareto out, and rank by one of those")]);
        }

        if (query.Objective != Objective.Latency || query.Pareto is { Count: > 0 })
        {
            var ranked = ObjectiveSearch.Run(problem, query, instance, DefaultPlanBudget);
            return query.Sensitivity && ranked.Succeeded && ranked.Plans.Count > 0 ? Sensitivity(problem, query, instance, ranked.Plans) : ranked;
        }

        var bounds = new CostToGo(instance);
        var magnitude = RoundingBounds.Magnitude(instance);
        var percent = PercentBounds.Create(instance, magnitude, instance.SecondsLimit.Count(double.IsFinite), deadline);
        var tables = bounds.Bytes + (percent?.Bytes ?? 0);
        var search = new PlanSearch(instance, bounds, percent, SearchSlack.For(instance, magnitude), memoryBudgetBytes - tables, deadline);
        var found = search.Run();
        var plans = found.Select(id => PlanMetrics.Complete(search.BuildPlan(id, problem.Layout), problem, query.InputBytes)).ToArray();
        if (query.Sensitivity && search.Stopped == SearchStop.None && plans.Length > 0)
        {
            return Sensitivity(problem, query, instance, plans);
        }

        return search.Stopped switch
        {
            SearchStop.Memory => SearchOutcome.CutShort(plans, $"the search reached its memory budget of {memoryBudgetBytes} bytes ({search.NodeCount} partial plans); these are the best plans proven so far", SearchStop.Memory),
            SearchStop.Time => SearchOutcome.CutShort(plans, $"the search reached its time budget ({search.NodeCount} partial plans); these are the best plans proven so far", SearchStop.Time),
            _ => SearchOutcome.Of(plans),
        };
    }

    /// <summary>The answer with the sensitivity of its best plan, from every feasible plan.</summary>
    private static SearchOutcome Sensitivity(PartitionProblem problem, PartitionQuery query, CompiledInstance instance, IReadOnlyList<PartitionPlan> plans)
    {
        var power = instance.ResourceNames.Select(name => problem.Profiles[name].Resource.Power).ToArray();
        var all = new AllPlans();
        var enumerated = PlanEnumerator.Run(instance, power, DefaultPlanBudget, all);
        if (enumerated.OverBudget)
        {
            return SearchOutcome.Refused([new("sensitivity", $"the query has more than {DefaultPlanBudget} feasible plans, too many to weigh every rival exactly; narrow the stages or their resources")]);
        }

        var order = new EnumeratedOrder([query.Objective], instance.BlockCount);
        var best = all.Plans.Aggregate((a, b) => order.Compare(a, b) <= 0 ? a : b);
        return SearchOutcome.Of(plans) with
        {
            Sensitivity = SensitivityAnalysis.For(best, all.Plans, instance, query.Objective, power, plan => ObjectiveSearch.Build(plan, instance, problem.Layout).Configuration),
        };
    }

    /// <summary>
    /// Which plan is best as the bandwidth of the link <paramref name="source"/> -> <paramref name="destination"/> runs
    /// from <paramref name="fromMbps"/> to <paramref name="toMbps"/>, everything else as <paramref name="problem"/> says,
    /// in ascending bandwidth; refused when the link is not in the problem or the query has too many plans.
    /// </summary>
    public static (IReadOnlyList<SweepSegment> Segments, IReadOnlyList<QueryError> Errors) SweepBandwidth(PartitionProblem problem, PartitionQuery query, string source, string destination, double fromMbps, double toMbps)
    {
        var errors = new List<QueryError>();
        var instance = InstanceCompiler.Compile(problem, query, errors);
        if (instance is null)
        {
            return ([], errors);
        }

        var (from, to) = (Array.IndexOf(instance.ResourceNames, source), Array.IndexOf(instance.ResourceNames, destination));
        if (from < 0 || to < 0 || !instance.HasLink(from, to))
        {
            return ([], [new("destination", $"no stage of the query can send from {source} to {destination} over a stored link")]);
        }

        var all = new AllPlans();
        var power = instance.ResourceNames.Select(name => problem.Profiles[name].Resource.Power).ToArray();
        if (PlanEnumerator.Run(instance, power, DefaultPlanBudget, all).OverBudget)
        {
            return ([], [new("source", $"the query has more than {DefaultPlanBudget} feasible plans, too many to sweep exactly")]);
        }

        return all.Plans.Count == 0
            ? ([], [])
            : (BandwidthSweep.Run(all.Plans, instance, (from * instance.ResourceCount) + to, fromMbps, toMbps, plan => ObjectiveSearch.Build(plan, instance, problem.Layout).Configuration), []);
    }
}
