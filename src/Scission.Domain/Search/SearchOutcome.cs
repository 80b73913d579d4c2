namespace Scission.Domain.Search;

/// <summary>Either the ranked plans (possibly none) or the reasons the query was refused.</summary>
/// <param name="Plans">The best plans, best first.</param>
/// <param name="Errors">Why the query was refused; empty when it was answered.</param>
/// <param name="CutShortReason">
/// Set when the search stopped at its memory budget: <paramref name="Plans"/> are then exactly the best plans,
/// in order, but there may be fewer than asked for.
/// </param>
/// <param name="StoppedBy">What cut the search short, when something did.</param>
public sealed record SearchOutcome(IReadOnlyList<PartitionPlan> Plans, IReadOnlyList<QueryError> Errors, string? CutShortReason = null, SearchStop StoppedBy = SearchStop.None)
{
    /// <summary>For every link the best plan uses, the range it stays best in; set when the query asked for it and a plan exists.</summary>
    public IReadOnlyList<LinkSensitivity>? Sensitivity { get; init; }

    /// <summary>Whether the query was answered.</summary>
    public bool Succeeded => Errors.Count == 0;

    internal static SearchOutcome Of(IReadOnlyList<PartitionPlan> plans) => new(plans, []);

    internal static SearchOutcome CutShort(IReadOnlyList<PartitionPlan> plans, string reason, SearchStop stop) => new(plans, [], reason, stop);

    internal static SearchOutcome Refused(IReadOnlyList<QueryError> errors) => new([], errors);
}

/// <summary>Why a search ended before proving all the plans asked for.</summary>
public enum SearchStop
{
    /// <summary>It did not: the answer is complete.</summary>
    None,

    /// <summary>It reached its memory budget; the same query stops at the same place every time.</summary>
    Memory,

    /// <summary>It ran out of time; on a less busy machine it might get further.</summary>
    Time,
}
