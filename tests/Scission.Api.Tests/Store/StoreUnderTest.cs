using Scission.Infrastructure.Storage;
using Scission.Testing;

namespace Scission.Api.Tests.Store;

/// <summary>Every store over one fresh database of one engine, migrated; the database goes when disposed.</summary>
internal sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly Func<ValueTask> _cleanup;

    private StoreUnderTest(StoreDatabase database, Func<ValueTask> cleanup)
    {
        Database = database;
        _cleanup = cleanup;
        Resources = new ResourceStore(database, TimeProvider.System);
        Networks = new NetworkStore(database);
        Models = new ModelStore(database, TimeProvider.System);
        Inputs = new PartitionInputsStore(database);
        Operations = new OperationStore(database);
    }

    public StoreDatabase Database { get; }

    public ResourceStore Resources { get; }

    public NetworkStore Networks { get; }

    public ModelStore Models { get; }

    public PartitionInputsStore Inputs { get; }

    public OperationStore Operations { get; }

    /// <summary>An empty database, not yet migrated.</summary>
    public static async Task<StoreDatabase> EmptyAsync(string engine, List<Func<ValueTask>> cleanups)
    {
        if (engine == "sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), $"scission-contract-{Guid.NewGuid():N}.db");
            cleanups.Add(() =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }

                return ValueTask.CompletedTask;
            });
            return new SqliteStoreDatabase($"Data Source={path}");
        }

        var temporary = await PostgresServer.CreateDatabaseAsync();
        var database = new PostgresStoreDatabase(temporary.ConnectionString);
        cleanups.Add(async () =>
        {
            await database.DisposeAsync();
            await temporary.DisposeAsync();
        });
        return database;
    }

    public static async Task<StoreUnderTest> OpenAsync(string engine)
    {
        var cleanups = new List<Func<ValueTask>>();
        var database = await EmptyAsync(engine, cleanups);
        await database.MigrateAsync(CancellationToken.None);
        return new StoreUnderTest(database, async () =>
        {
            foreach (var cleanup in cleanups)
            {
                await cleanup();
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        Inputs.Dispose();
        await _cleanup();
    }
}
