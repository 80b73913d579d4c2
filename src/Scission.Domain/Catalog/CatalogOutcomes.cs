namespace Scission.Domain.Catalog;

/// <summary>How a create-or-replace write ended.</summary>
public enum UpsertResult
{
    /// <summary>Nothing was stored under the key before.</summary>
    Created,

    /// <summary>An existing entry was replaced.</summary>
    Replaced,
}

/// <summary>How a write that refers to other entries ended.</summary>
public sealed record WriteOutcome(UpsertResult? Result, WriteFailure? Failure = null, string? Detail = null)
{
    /// <summary>The write succeeded.</summary>
    public static WriteOutcome Done(UpsertResult result) => new(result);

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
}

/// <summary>How a bulk link import ended: counts when stored, or the resource that stopped it.</summary>
public sealed record ImportOutcome(int Created, int Replaced, string? MissingResource)
{
    /// <summary>Whether the links were stored.</summary>
    public bool Succeeded => MissingResource is null;
}
