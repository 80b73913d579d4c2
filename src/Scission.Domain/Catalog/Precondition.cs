namespace Scission.Domain.Catalog;

/// <summary>
/// A write's <c>If-Match</c>, checked by the store inside the write's own transaction so that no other write can
/// slip in between the check and the change.
/// </summary>
/// <param name="Versions">The versions the client will accept; <c>null</c> for <c>*</c> (any, as long as it exists).</param>
public sealed record Precondition(IReadOnlyList<long>? Versions)
{
    /// <summary><c>If-Match: *</c>: the entry must exist, in whatever version.</summary>
    public static Precondition Any { get; } = new((IReadOnlyList<long>?)null);

    /// <summary>Whether an entry now at <paramref name="current"/> (<c>null</c>: absent) may be written.</summary>
    public bool IsMetBy(long? current) => current is { } version && (Versions is null || Versions.Contains(version));

    /// <summary>The refusal when <see cref="IsMetBy"/> is false.</summary>
    public static WriteOutcome Refusal(string what, long? current) => WriteOutcome.Refused(
        WriteFailure.PreconditionFailed,
        current is { } version
            ? $"{what} is at version {version}, not the one If-Match names; read it again and retry"
            : $"{what} does not exist, so If-Match cannot match");
}
