using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scission.Domain.Catalog;
using Scission.Infrastructure.Caching;
using Scission.Infrastructure.Onnx;
using Scission.Infrastructure.Storage;

namespace Scission.Infrastructure;

/// <summary>Wires storage and caching behind the Domain's ports.</summary>
public static partial class InfrastructureServiceCollectionExtensions
{
    /// <summary>The embedded default: a SQLite file next to the process.</summary>
    public const string DefaultConnectionString = "Data Source=scission.db";

    public static IServiceCollection AddScissionInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // PostgreSQL when configured, for replicas sharing one store; otherwise the embedded SQLite file.
        services.AddSingleton<StoreDatabase>(configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres
            ? new PostgresStoreDatabase(postgres)
            : new SqliteStoreDatabase(configuration.GetConnectionString("Scission") is { Length: > 0 } sqlite ? sqlite : DefaultConnectionString));
        services.AddHostedService<SchemaMigrator>();
        services.AddSingleton<IResourceStore, ResourceStore>();
        services.AddSingleton<INetworkStore, NetworkStore>();
        services.AddSingleton<IModelStore, ModelStore>();
        services.AddSingleton<IPartitionInputsStore, PartitionInputsStore>();
        services.AddSingleton<IOperationStore, OperationStore>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        services.AddScissionCaching(configuration);
        services.AddSingleton<OnnxModelFiles>();
        services.AddExceptionHandler<StoreUnavailableHandler>();
        return services;
    }

    /// <summary>Applies the schema's missing steps before the host serves a request.</summary>
    private sealed partial class SchemaMigrator(StoreDatabase database, ILogger<SchemaMigrator> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var applied = await database.MigrateAsync(cancellationToken);
            LogSchema(logger, database.Engine, database.Migrations[^1].Version, applied.Count == 0 ? "none" : string.Join(", ", applied));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Store {Engine}: schema at version {Version}; applied now: {Applied}")]
        private static partial void LogSchema(ILogger logger, string engine, int version, string applied);
    }

    private sealed class StoreHealthCheck(IPartitionInputsStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await store.PingAsync(cancellationToken) ? HealthCheckResult.Healthy("store answers") : HealthCheckResult.Unhealthy("store does not answer");
    }
}
