using Microsoft.Data.Sqlite;
using Scission.Domain.Catalog;
using Scission.Domain.Model;
using Scission.Infrastructure.Storage;

namespace Scission.Api.Tests.Store;

/// <summary>A file written before the store had migrations is brought up to date in place, its data intact.</summary>
public sealed class SqliteUpgradeTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"scission-upgrade-{Guid.NewGuid():N}.db");

    // The schema as the service last created it without a migrations table, with a little data.
    private const string Before = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE resources (name TEXT PRIMARY KEY, tier TEXT NOT NULL, description TEXT);
        CREATE TABLE links (network TEXT NOT NULL, source TEXT NOT NULL REFERENCES resources(name) ON DELETE CASCADE,
            destination TEXT NOT NULL REFERENCES resources(name) ON DELETE CASCADE, latency_ms REAL NOT NULL, bandwidth_mbps REAL NOT NULL,
            measurement TEXT, PRIMARY KEY (network, source, destination));
        CREATE TABLE models (key TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, layout TEXT, updated_at TEXT NOT NULL,
            graph TEXT, file_bytes INTEGER, sha256 TEXT);
        CREATE TABLE benchmarks (model_key TEXT NOT NULL REFERENCES models(key) ON DELETE CASCADE, resource TEXT NOT NULL REFERENCES resources(name) ON DELETE CASCADE,
            blocks TEXT NOT NULL, provenance TEXT NOT NULL, stored_at TEXT NOT NULL, PRIMARY KEY (model_key, resource));
        CREATE TABLE model_files (model_key TEXT PRIMARY KEY REFERENCES models(key) ON DELETE CASCADE, content BLOB NOT NULL);
        CREATE TABLE operations (id TEXT PRIMARY KEY, state TEXT NOT NULL, owner TEXT NOT NULL, status TEXT NOT NULL);
        CREATE TABLE instances (id TEXT PRIMARY KEY, seen_at TEXT NOT NULL);
        CREATE TABLE revisions (scope TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO resources VALUES ('pi', 'device', 'a Raspberry Pi'), ('box', 'edge', NULL);
        INSERT INTO links VALUES ('wifi', 'pi', 'box', 3.5, 50, NULL);
        INSERT INTO models VALUES ('vgg', 'VGG', NULL, '[[0,0],[1,1]]', '2026-01-01T00:00:00.0000000Z', NULL, NULL, NULL);
        INSERT INTO benchmarks VALUES ('vgg', 'pi', '[{"firstLayer":0,"lastLayer":0,"latencySeconds":0.5,"outputBytes":100},{"firstLayer":1,"lastLayer":1,"latencySeconds":0.25,"outputBytes":10}]',
            '{"repeats":5}', '2026-01-01T00:00:00.0000000Z');
        INSERT INTO revisions VALUES ('resources', 3), ('network:wifi', 4), ('model:vgg', 40);
        """;

    [Fact]
    public async Task AnOldFileIsMigratedInPlaceAndNoRevisionItHandedOutComesBack()
    {
        await using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = Before;
            await command.ExecuteNonQueryAsync();
        }

        var database = new SqliteStoreDatabase($"Data Source={_path}");
        Assert.Equal([1, 2, 3, 4], await database.MigrateAsync(CancellationToken.None));

        var inputs = new PartitionInputsStore(database);
        var loaded = await inputs.LoadAsync("vgg", "wifi", CancellationToken.None);
        Assert.Equal(["box", "pi"], loaded!.Resources.Select(r => r.Name));
        Assert.Equal([new NetworkLink("pi", "box", 3.5, 50)], loaded.Links);
        Assert.Equal(0.25, loaded.Benchmarks.Single().Blocks[1].LatencySeconds);
        Assert.Equal(2, loaded.Model.Layout!.Blocks.Count);
        var upgraded = await inputs.GetRevisionsAsync("vgg", "wifi", CancellationToken.None);
        Assert.Equal((40L, 4L, 3L), (upgraded.Model, upgraded.Network, upgraded.Resources));
        Assert.NotEqual(0, upgraded.Store);

        // A write after the upgrade gets a revision above every one handed out before, whatever its scope.
        await new ResourceStore(database, TimeProvider.System).PutAsync(new ResourceRecord("cloud", Tier.Cloud, null), null, CancellationToken.None);
        Assert.True((await inputs.GetRevisionsAsync("vgg", "wifi", CancellationToken.None)).Resources > 40);
        inputs.Dispose();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
