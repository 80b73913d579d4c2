using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Scission.Infrastructure.Caching;

/// <summary>
/// Refuses cache settings the service cannot run with at start-up, naming them, instead of failing every query
/// later (a negative memory limit, a zero timeout, a Redis connection string StackExchange.Redis cannot read).
/// </summary>
internal sealed class CacheOptionsValidator(string? redis) : IValidateOptions<CacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheOptions options)
    {
        var failures = new List<string>();
        if (options.MemoryLimitBytes is < 1 or > 1L << 40)
        {
            failures.Add("Cache:MemoryLimitBytes must be from 1 byte to 1 TiB");
        }

        if (options.MaxEntryBytes is < 64 * 1024 or > 1L << 30)
        {
            failures.Add("Cache:MaxEntryBytes must be from 64 KiB (65536) to 1 GiB");
        }

        foreach (var (setting, value) in new[] { ("Cache:Expiration", options.Expiration), ("Cache:LocalExpiration", options.LocalExpiration) })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(365))
            {
                failures.Add($"{setting} must be above 0 and at most 365 days");
            }
        }

        if (options.RedisTimeoutMilliseconds is < 1 or > 60_000)
        {
            failures.Add("Cache:RedisTimeoutMilliseconds must be from 1 to 60000");
        }

        if (options.RedisRetryAfter < TimeSpan.Zero || options.RedisRetryAfter > TimeSpan.FromHours(1))
        {
            failures.Add("Cache:RedisRetryAfter must be from 0 to 1 hour");
        }

        if (redis is { Length: > 0 })
        {
            try
            {
                ConfigurationOptions.Parse(redis);
            }
            catch (ArgumentException exception)
            {
                failures.Add($"ConnectionStrings:Redis cannot be read: {exception.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
