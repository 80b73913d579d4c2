using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Search;

namespace Scission.Domain;

/// <summary>Ranks the ways to split a model over a pipeline of stages by end-to-end latency.</summary>
public static class PartitionSearch
{
    /// <summary>Partial plans a single query may create before it is refused (a few hundred MB at most).</summary>
    public const int DefaultNodeBudget = 4_000_000;

    /// <summary>
    /// Finds the <see cref="PartitionQuery.Top"/> plans of lowest latency that meet every constraint, exactly.
    /// Equal latencies are ordered by path (see docs/solver.md). A query with contradictory constraints has no plan.
    /// </summary>
    public static SearchOutcome Run(PartitionProblem problem, PartitionQuery query, int nodeBudget = DefaultNodeBudget)
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

        var search = new PlanSearch(instance, new CostToGo(instance), nodeBudget);
        var found = search.Run();
        if (search.BudgetExceeded)
        {
            return SearchOutcome.Refused([new QueryError("top", $"the search needed more than {nodeBudget} partial plans; ask for fewer results or relax percentage limits")]);
        }

        return SearchOutcome.Of([.. found.Select(id => search.BuildPlan(id, problem.Layout))]);
    }
}
