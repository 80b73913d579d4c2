namespace Scission.Domain.Catalog;

/// <summary>How a create-or-replace write ended.</summary>
public enum UpsertResult
{
    /// <summary>Nothing was stored under the key before.</summary>
    Created,

    /// <summary>An existing entry was replaced.</summary>
    Replaced,
}

/// <summary>How a write ended: what it did and the version it wrote, or why it was refused.</summary>
/// <param name="Result">Created or replaced; <c>null</c> when refused.</param>
/// <param name="Failure">Why it was refused.</param>
/// <param name="Detail">The refusal in words.</param>
/// <param name="Version">The version the write gave the entry (a delete: the version it removed at).</param>
public sealed record WriteOutcome(UpsertResult? Result, WriteFailure? Failure = null, string? Detail = null, long Version = 0)
{
    /// <summary>The write succeeded and stored <paramref name="version"/>.</summary>
    public static WriteOutcome Done(UpsertResult result, long version) => new(result, Version: version);

    /// <summary>The write was refused and nothing changed.</summary>
    public static WriteOutcome Refused(WriteFailure failure, string detail) => new(null, failure, detail);
}

/// <summary>Why a write was refused.</summary>
public enum WriteFailure
{
    /// <summary>An entry the write refers to does not exist.</summary>
    NotFound,

    /// <summary>The write contradicts what is stored (a different block layout, dependents on delete).</summary>
    Conflict,

    /// <summary>The entry is not at a version the write's <see cref="Precondition"/> accepts.</summary>
    PreconditionFailed,
}

/// <summary>How a bulk link import ended: counts when stored, or the resource that stopped it.</summary>
public sealed record ImportOutcome(int Created, int Replaced, string? MissingResource)
{
    /// <summary>Whether the links were stored.</summary>
    public bool Succeeded => MissingResource is null;
}
