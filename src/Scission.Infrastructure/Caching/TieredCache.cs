using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Scission.Infrastructure.Caching;

/// <summary>
/// HybridCache (memory, then Redis when configured) that also says which level answered. HybridCache does not
/// report that itself, so a lookup asks each level in turn through its flags: memory alone, then Redis without
/// computing, and only then computes.
/// </summary>
public sealed class TieredCache
{
    private const HybridCacheEntryFlags MemoryOnly = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableUnderlyingData;
    private const HybridCacheEntryFlags StoredOnly = HybridCacheEntryFlags.DisableUnderlyingData;
    private const HybridCacheEntryFlags ComputeAndStore = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead;

    private readonly HybridCache _cache;
    private readonly HybridCacheEntryOptions _memoryOnly;
    private readonly HybridCacheEntryOptions _storedOnly;
    private readonly HybridCacheEntryOptions _compute;
    private readonly Counter<long> _lookups;

    public TieredCache(HybridCache cache, IOptions<CacheOptions> options, IMeterFactory meters)
    {
        _cache = cache;
        var settings = options.Value;
        _memoryOnly = Entry(settings, MemoryOnly);
        _storedOnly = Entry(settings, StoredOnly);
        _compute = Entry(settings, ComputeAndStore);
        _lookups = meters.Create("Scission").CreateCounter<long>("scission.cache.lookups", description: "Partition cache lookups by result: memory-hit, redis-hit, miss, coalesced");
    }

    /// <summary>The cached value for <paramref name="key"/>, or the one <paramref name="compute"/> makes (then stored).</summary>
    public async Task<(T Value, CacheLookup Lookup)> GetOrComputeAsync<T>(string key, Func<CancellationToken, ValueTask<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        var lookup = CacheLookup.MemoryHit;
        var value = await _cache.GetOrCreateAsync<T?>(key, _ => ValueTask.FromResult<T?>(null), _memoryOnly, cancellationToken: cancellationToken);
        if (value is null)
        {
            lookup = CacheLookup.RedisHit;
            value = await _cache.GetOrCreateAsync<T?>(key, _ => ValueTask.FromResult<T?>(null), _storedOnly, cancellationToken: cancellationToken);
        }

        if (value is null)
        {
            var computed = false;
            value = await _cache.GetOrCreateAsync<T?>(
                key,
                async token =>
                {
                    computed = true;
                    return await compute(token);
                },
                _compute,
                cancellationToken: cancellationToken);
            lookup = computed ? CacheLookup.Miss : CacheLookup.Coalesced;
        }

        _lookups.Add(1, new KeyValuePair<string, object?>("result", Name(lookup)));
        return (value!, lookup);
    }

    public static string Name(CacheLookup lookup) => lookup switch
    {
        CacheLookup.MemoryHit => "memory-hit",
        CacheLookup.RedisHit => "redis-hit",
        CacheLookup.Miss => "miss",
        _ => "coalesced",
    };

    private static HybridCacheEntryOptions Entry(CacheOptions settings, HybridCacheEntryFlags flags) => new()
    {
        Expiration = settings.Expiration,
        LocalCacheExpiration = settings.LocalExpiration,
        Flags = flags,
    };
}
