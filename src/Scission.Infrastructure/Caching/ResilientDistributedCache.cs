using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace Scission.Infrastructure.Caching;

/// <summary>
/// Redis as a cache, never as a dependency: any failure counts as a miss (reads) or is dropped (writes), and
/// for a short while afterwards Redis is not asked at all, so an outage costs no query more than one timeout.
/// The connection heals by itself; the first call after the pause tries again.
/// </summary>
internal sealed partial class ResilientDistributedCache(IBufferDistributedCache inner, TimeProvider clock, TimeSpan retryAfter, ILogger<ResilientDistributedCache> logger)
    : IBufferDistributedCache
{
    private long _skipUntilTicks;

    public byte[]? Get(string key) => Guard(() => inner.Get(key), null);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GuardAsync(() => inner.GetAsync(key, token), null);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => { inner.Set(key, value, options); return true; }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.SetAsync(key, value, options, token); return true; }, false);

    public void Refresh(string key) => Guard(() => { inner.Refresh(key); return true; }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await inner.RefreshAsync(key, token); return true; }, false);

    public void Remove(string key) => Guard(() => { inner.Remove(key); return true; }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await inner.RemoveAsync(key, token); return true; }, false);

    public bool TryGet(string key, IBufferWriter<byte> destination) => Guard(() => inner.TryGet(key, destination), false);

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default) =>
        await GuardAsync(async () => await inner.TryGetAsync(key, destination, token), false);

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => Guard(() => { inner.Set(key, value, options); return true; }, false);

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await GuardAsync(async () => { await inner.SetAsync(key, value, options, token); return true; }, false);

    private bool Paused => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _skipUntilTicks);

    private T Guard<T>(Func<T> call, T fallback)
    {
        if (Paused)
        {
            return fallback;
        }

        try
        {
            return call();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Pause(exception);
            return fallback;
        }
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> call, T fallback)
    {
        if (Paused)
        {
            return fallback;
        }

        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Pause(exception);
            return fallback;
        }
    }

    private void Pause(Exception exception)
    {
        var wasPaused = Interlocked.Exchange(ref _skipUntilTicks, (clock.GetUtcNow() + retryAfter).UtcTicks) > clock.GetUtcNow().UtcTicks;
        if (!wasPaused)
        {
            LogRedisUnavailable(logger, retryAfter.TotalSeconds, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable, serving from memory for {Seconds} s: {Reason}")]
    private static partial void LogRedisUnavailable(ILogger logger, double seconds, string reason);
}
