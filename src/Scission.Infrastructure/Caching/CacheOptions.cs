namespace Scission.Infrastructure.Caching;

/// <summary>Cache settings, section <c>Cache</c>.</summary>
public sealed class CacheOptions
{
    /// <summary>How long an answer lives in Redis. Keys carry input revisions, so this bounds memory, not staleness.</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an answer lives in each process's memory.</summary>
    public TimeSpan LocalExpiration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most bytes of answers kept in each process's memory; older entries are evicted beyond it.</summary>
    public long MemoryLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The largest answer stored, as serialised: larger ones are computed every time and say so (<c>fwd=miss</c>
    /// without <c>stored</c>). 16 MiB holds a thousand results of a large model several times over.
    /// </summary>
    public long MaxEntryBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Prefix of every Redis key, so several deployments can share one Redis.</summary>
    public string RedisInstanceName { get; set; } = "scission:";

    /// <summary>Connect and operation timeout for Redis, in milliseconds: short, so an outage never stalls a query.</summary>
    public int RedisTimeoutMilliseconds { get; set; } = 500;

    /// <summary>After a Redis failure, how long queries skip Redis before trying it again.</summary>
    public TimeSpan RedisRetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
