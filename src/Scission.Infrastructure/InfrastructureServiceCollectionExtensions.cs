using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Scission.Domain.Catalog;
using Scission.Infrastructure.Caching;
using Scission.Infrastructure.Onnx;
using Scission.Infrastructure.Storage;

namespace Scission.Infrastructure;

/// <summary>Wires storage and caching behind the Domain's ports.</summary>
public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>The embedded default: a SQLite file next to the process.</summary>
    public const string DefaultConnectionString = "Data Source=scission.db";

    public static IServiceCollection AddScissionInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Scission") is { Length: > 0 } configured ? configured : DefaultConnectionString;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SqliteDatabase(connectionString));
        services.AddHostedService<SchemaInitializer>();
        services.AddSingleton<IResourceStore, SqliteResourceStore>();
        services.AddSingleton<INetworkStore, SqliteNetworkStore>();
        services.AddSingleton<IModelStore, SqliteModelStore>();
        services.AddSingleton<IPartitionInputsStore, SqlitePartitionInputsStore>();
        services.AddSingleton<IOperationStore, SqliteOperationStore>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        services.AddScissionCaching(configuration);
        services.AddSingleton<OnnxModelFiles>();
        services.AddExceptionHandler<StoreUnavailableHandler>();
        return services;
    }

    private sealed class SchemaInitializer(SqliteDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            database.EnsureSchema();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class StoreHealthCheck(IPartitionInputsStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await store.PingAsync(cancellationToken) ? HealthCheckResult.Healthy("store answers") : HealthCheckResult.Unhealthy("store does not answer");
    }
}
