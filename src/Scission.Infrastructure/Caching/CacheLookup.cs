namespace Scission.Infrastructure.Caching;

/// <summary>Where a cached answer came from.</summary>
public enum CacheLookup
{
    /// <summary>This process's memory.</summary>
    MemoryHit,

    /// <summary>Redis, shared by every replica.</summary>
    RedisHit,

    /// <summary>Computed now and stored.</summary>
    Miss,

    /// <summary>Joined a computation another request of this process had already started.</summary>
    Coalesced,

    /// <summary>Computed now and not stored: an answer cut short by time, one larger than <c>Cache:MaxEntryBytes</c>, or a refusal because the service was busy.</summary>
    Uncached,
}
