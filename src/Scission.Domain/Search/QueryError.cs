namespace Scission.Domain.Search;

/// <summary>A reason a query cannot be answered.</summary>
/// <param name="Field">The offending part of the query, e.g. <c>stages[1].candidates[0]</c>.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record QueryError(string Field, string Message);
