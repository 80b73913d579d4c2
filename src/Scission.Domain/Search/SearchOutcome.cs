namespace Scission.Domain.Search;

/// <summary>Either the ranked plans (possibly none) or the reasons the query was refused.</summary>
/// <param name="Plans">The best plans, best first.</param>
/// <param name="Errors">Why the query was refused; empty when it was answered.</param>
/// <param name="CutShortReason">
/// Set when the search stopped at its memory budget: <paramref name="Plans"/> are then exactly the best plans,
/// in order, but there may be fewer than asked for.
/// </param>
public sealed record SearchOutcome(IReadOnlyList<PartitionPlan> Plans, IReadOnlyList<QueryError> Errors, string? CutShortReason = null)
{
    /// <summary>Whether the query was answered.</summary>
    public bool Succeeded => Errors.Count == 0;

    internal static SearchOutcome Of(IReadOnlyList<PartitionPlan> plans) => new(plans, []);

    internal static SearchOutcome CutShort(IReadOnlyList<PartitionPlan> plans, string reason) => new(plans, [], reason);

    internal static SearchOutcome Refused(IReadOnlyList<QueryError> errors) => new([], errors);
}
