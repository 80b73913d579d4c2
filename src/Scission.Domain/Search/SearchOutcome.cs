namespace Scission.Domain.Search;

/// <summary>Either the ranked plans (possibly none) or the reasons the query was refused.</summary>
public sealed record SearchOutcome(IReadOnlyList<PartitionPlan> Plans, IReadOnlyList<QueryError> Errors)
{
    /// <summary>Whether the query was answered.</summary>
    public bool Succeeded => Errors.Count == 0;

    internal static SearchOutcome Of(IReadOnlyList<PartitionPlan> plans) => new(plans, []);

    internal static SearchOutcome Refused(IReadOnlyList<QueryError> errors) => new([], errors);
}
