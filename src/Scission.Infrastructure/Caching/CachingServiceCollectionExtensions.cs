using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Scission.Infrastructure.Caching;

internal static class CachingServiceCollectionExtensions
{
    /// <summary>HybridCache in memory, with Redis behind it when <c>ConnectionStrings:Redis</c> is set.</summary>
    public static IServiceCollection AddScissionCaching(this IServiceCollection services, IConfiguration configuration)
    {
        var redisConnection = configuration.GetConnectionString("Redis");
        services.AddOptions<CacheOptions>().BindConfiguration("Cache").ValidateOnStart();
        services.AddSingleton<IValidateOptions<CacheOptions>>(new CacheOptionsValidator(redisConnection));
        // HybridCache sizes its memory entries by payload, so a byte cap bounds memory under floods of distinct queries.
        services.AddMemoryCache(options => options.SizeLimit = Math.Max(1, configuration.GetValue("Cache:MemoryLimitBytes", 64L * 1024 * 1024)));
        // Its default cap on an entry (1 MiB) is below a thousand results of a large model: those were kept in memory
        // only, with an error logged for each, while the answer said it was stored.
        services.AddHybridCache(options => options.MaximumPayloadBytes = Math.Max(1, configuration.GetValue("Cache:MaxEntryBytes", 16L * 1024 * 1024)));
        services.AddSingleton<TieredCache>();

        if (redisConnection is not { Length: > 0 } redis)
        {
            return services;
        }

        // One multiplexer for the process. It connects in the background and reconnects by itself; commands
        // fail fast while it is down instead of queueing, so a query never waits on an absent Redis.
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<CacheOptions>>().Value;
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = settings.RedisTimeoutMilliseconds;
            options.SyncTimeout = settings.RedisTimeoutMilliseconds;
            options.AsyncTimeout = settings.RedisTimeoutMilliseconds;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton<IDistributedCache>(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<CacheOptions>>().Value;
            var multiplexer = provider.GetRequiredService<IConnectionMultiplexer>();
            var redisCache = new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = settings.RedisInstanceName,
                ConnectionMultiplexerFactory = () => Task.FromResult(multiplexer),
            }));
            return new ResilientDistributedCache(redisCache, provider.GetRequiredService<TimeProvider>(), settings.RedisRetryAfter, provider.GetRequiredService<ILogger<ResilientDistributedCache>>());
        });
        services.AddHostedService<RedisConnector>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }

    /// <summary>Starts connecting at start-up rather than on the first query; never blocks start-up on Redis.</summary>
    private sealed class RedisConnector(IServiceProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = Task.Run(() => provider.GetRequiredService<IConnectionMultiplexer>(), CancellationToken.None);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer multiplexer) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(multiplexer.IsConnected
                ? HealthCheckResult.Healthy("redis answers")
                : HealthCheckResult.Degraded("redis unreachable: answers are computed and cached in memory only"));
    }
}
