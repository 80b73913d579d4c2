using System.Diagnostics;

namespace Scission.Domain.Search;

/// <summary>
/// When a search must stop and answer with what it has proven: a moment on the monotonic clock, and a token for
/// a caller that gave up. The search reads the clock itself rather than waiting for a timer to cancel a token, so a
/// budget already spent stops it at its first check, however briefly the search runs or late a timer would fire.
/// </summary>
public readonly struct SearchDeadline
{
    private readonly long _at;
    private readonly CancellationToken _abandoned;

    private SearchDeadline(long at, CancellationToken abandoned)
    {
        _at = at;
        _abandoned = abandoned;
    }

    /// <summary>No deadline: the search runs to its answer or its memory budget.</summary>
    public static SearchDeadline None => default;

    /// <summary><paramref name="budget"/> from now, or sooner when <paramref name="abandoned"/> is signalled.</summary>
    public static SearchDeadline After(TimeSpan budget, CancellationToken abandoned = default)
    {
        var ticks = (long)Math.Min(budget.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2.0);
        return new(Stopwatch.GetTimestamp() + Math.Max(ticks, 0), abandoned);
    }

    /// <summary>Only when <paramref name="abandoned"/> is signalled.</summary>
    public static SearchDeadline When(CancellationToken abandoned) => new(0, abandoned);

    /// <summary>Whether the search must stop now.</summary>
    public bool HasPassed => _abandoned.IsCancellationRequested || (_at != 0 && Stopwatch.GetTimestamp() >= _at);
}
