using Scission.Infrastructure.Caching;

namespace Scission.Api.Partitions;

/// <summary>The RFC 9211 <c>Cache-Status</c> value for a partition answer.</summary>
internal static class CacheStatus
{
    public const string CacheName = "Scission";

    public static string Format(CacheLookup lookup) => lookup switch
    {
        CacheLookup.MemoryHit => $"{CacheName}; hit; detail=memory",
        CacheLookup.RedisHit => $"{CacheName}; hit; detail=redis",
        CacheLookup.Coalesced => $"{CacheName}; hit; detail=coalesced",
        CacheLookup.Uncached => $"{CacheName}; fwd=miss",
        _ => $"{CacheName}; fwd=miss; stored",
    };
}
