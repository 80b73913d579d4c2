using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Search;

namespace Scission.Domain;

/// <summary>Ranks the ways to split a model over a pipeline of stages by end-to-end latency.</summary>
public static class PartitionSearch
{
    /// <summary>Memory one query may use for its partial plans and bounds before it answers with what it has proven.</summary>
    public const long DefaultMemoryBudgetBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Finds the <see cref="PartitionQuery.Top"/> plans of lowest latency that meet every constraint, exactly.
    /// Equal latencies are ordered by path (see docs/solver.md). A query with contradictory constraints has no plan.
    /// When the search would need more than <paramref name="memoryBudgetBytes"/>, or <paramref name="stop"/> is
    /// signalled (a time budget), the outcome holds the plans proven best so far, in order, and says why it was cut short.
    /// </summary>
    public static SearchOutcome Run(PartitionProblem problem, PartitionQuery query, long memoryBudgetBytes = DefaultMemoryBudgetBytes, CancellationToken stop = default)
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

        var bounds = new CostToGo(instance);
        var magnitude = RoundingBounds.Magnitude(instance);
        var percent = PercentBounds.Create(instance, magnitude, instance.SecondsLimit.Count(double.IsFinite), stop);
        var tables = bounds.Bytes + (percent?.Bytes ?? 0);
        var search = new PlanSearch(instance, bounds, percent, SearchSlack.For(instance, magnitude), memoryBudgetBytes - tables, stop);
        var found = search.Run();
        var plans = found.Select(id => search.BuildPlan(id, problem.Layout)).ToArray();
        return search.Stopped switch
        {
            SearchStop.Memory => SearchOutcome.CutShort(plans, $"the search reached its memory budget of {memoryBudgetBytes} bytes ({search.NodeCount} partial plans); these are the best plans proven so far", SearchStop.Memory),
            SearchStop.Time => SearchOutcome.CutShort(plans, $"the search reached its time budget ({search.NodeCount} partial plans); these are the best plans proven so far", SearchStop.Time),
            _ => SearchOutcome.Of(plans),
        };
    }
}
