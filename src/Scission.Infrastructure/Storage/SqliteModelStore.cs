using System.Globalization;
using Microsoft.Data.Sqlite;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Infrastructure.Storage;

internal sealed class SqliteModelStore(SqliteDatabase database, TimeProvider clock) : IModelStore
{
    private const string ModelColumns = "name, description, layout, updated_at, graph, file_bytes, sha256";

    public async Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {ModelColumns} FROM models ORDER BY key", null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var models = new List<ModelRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            models.Add(ReadModel(reader));
        }

        return models;
    }

    public async Task<ModelRecord?> GetAsync(string model, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadModelAsync(connection, null, SqlCommands.ModelKey(model), cancellationToken);
    }

    public async Task<UpsertResult> PutAsync(string model, string? description, CancellationToken cancellationToken)
    {
        var key = SqlCommands.ModelKey(model);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var existed = await ReadModelAsync(connection, transaction, key, cancellationToken) is not null;
        // The first spelling of the name is kept, so VGG16 and vgg16 stay one model.
        await connection.ExecuteAsync(
            """
            INSERT INTO models (key, name, description, updated_at) VALUES ($key, $name, $description, $now)
            ON CONFLICT(key) DO UPDATE SET description = excluded.description, updated_at = excluded.updated_at
            """,
            transaction,
            cancellationToken,
            ("$key", key),
            ("$name", model),
            ("$description", description),
            ("$now", Now()));
        await connection.BumpRevisionAsync(SqlCommands.ModelScope(key), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return existed ? UpsertResult.Replaced : UpsertResult.Created;
    }

    public async Task<WriteOutcome> PutGraphAsync(string model, string? description, BlockLayout layout, ModelGraph graph, byte[] content, CancellationToken cancellationToken)
    {
        var key = SqlCommands.ModelKey(model);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var stored = await ReadModelAsync(connection, transaction, key, cancellationToken);
        var benchmarks = await connection.CountAsync("SELECT COUNT(*) FROM benchmarks WHERE model_key = $key", transaction, cancellationToken, ("$key", key));
        if (stored?.Layout is { } existing && benchmarks > 0 && existing.DescribeDifference(layout) is { } difference)
        {
            return WriteOutcome.Refused(WriteFailure.Conflict, $"the model's {benchmarks} benchmark(s) have another layout ({difference}); delete them before uploading this file");
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO models (key, name, description, layout, updated_at, graph, file_bytes, sha256) VALUES ($key, $name, $description, $layout, $now, $graph, $bytes, $sha)
            ON CONFLICT(key) DO UPDATE SET description = COALESCE(excluded.description, models.description), layout = excluded.layout,
                updated_at = excluded.updated_at, graph = excluded.graph, file_bytes = excluded.file_bytes, sha256 = excluded.sha256
            """,
            transaction,
            cancellationToken,
            ("$key", key),
            ("$name", model),
            ("$description", description),
            ("$layout", StoredJson.Layout(layout)),
            ("$now", Now()),
            ("$graph", graph.Analysis),
            ("$bytes", graph.FileBytes),
            ("$sha", graph.Sha256));
        await connection.ExecuteAsync(
            "INSERT INTO model_files (model_key, content) VALUES ($key, $content) ON CONFLICT(model_key) DO UPDATE SET content = excluded.content",
            transaction,
            cancellationToken,
            ("$key", key),
            ("$content", content));
        await connection.BumpRevisionAsync(SqlCommands.ModelScope(key), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteOutcome.Done(stored is null ? UpsertResult.Created : UpsertResult.Replaced);
    }

    public async Task<byte[]?> GetFileAsync(string model, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT content FROM model_files WHERE model_key = $key", null, ("$key", SqlCommands.ModelKey(model)));
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<bool> DeleteAsync(string model, CancellationToken cancellationToken)
    {
        var key = SqlCommands.ModelKey(model);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        if (await connection.ExecuteAsync("DELETE FROM models WHERE key = $key", transaction, cancellationToken, ("$key", key)) == 0)
        {
            return false;
        }

        await connection.BumpRevisionAsync(SqlCommands.ModelScope(key), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<WriteOutcome> PutBenchmarkAsync(string model, BenchmarkRecord benchmark, CancellationToken cancellationToken)
    {
        var key = SqlCommands.ModelKey(model);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var stored = await ReadModelAsync(connection, transaction, key, cancellationToken);
        if (stored is null)
        {
            return WriteOutcome.Refused(WriteFailure.NotFound, $"model '{model}' is not registered");
        }

        if (await connection.CountAsync("SELECT COUNT(*) FROM resources WHERE name = $name", transaction, cancellationToken, ("$name", benchmark.Resource)) == 0)
        {
            return WriteOutcome.Refused(WriteFailure.NotFound, $"resource '{benchmark.Resource}' is not registered");
        }

        var layout = BlockLayout.Create(benchmark.LayerRanges);
        var others = await connection.CountAsync(
            "SELECT COUNT(*) FROM benchmarks WHERE model_key = $key AND resource <> $resource",
            transaction,
            cancellationToken,
            ("$key", key),
            ("$resource", benchmark.Resource));
        // The layout is the model's once other benchmarks rely on it, or its uploaded graph defines it;
        // re-posting the only benchmark of a model without a graph may change it.
        if (stored.Layout is { } fixedLayout && (others > 0 || stored.Graph is not null) && fixedLayout.DescribeDifference(layout) is { } difference)
        {
            return WriteOutcome.Refused(WriteFailure.Conflict, $"the benchmark's layout differs from the model's: {difference}");
        }

        var existed = await connection.CountAsync(
            "SELECT COUNT(*) FROM benchmarks WHERE model_key = $key AND resource = $resource",
            transaction,
            cancellationToken,
            ("$key", key),
            ("$resource", benchmark.Resource)) > 0;
        await connection.ExecuteAsync(
            """
            INSERT INTO benchmarks (model_key, resource, blocks, provenance, stored_at) VALUES ($key, $resource, $blocks, $provenance, $now)
            ON CONFLICT(model_key, resource) DO UPDATE SET blocks = excluded.blocks, provenance = excluded.provenance, stored_at = excluded.stored_at
            """,
            transaction,
            cancellationToken,
            ("$key", key),
            ("$resource", benchmark.Resource),
            ("$blocks", StoredJson.Blocks(benchmark.Blocks)),
            ("$provenance", StoredJson.Provenance(benchmark.Provenance)),
            ("$now", benchmark.StoredAt.ToString("O", CultureInfo.InvariantCulture)));
        await connection.ExecuteAsync(
            "UPDATE models SET layout = $layout, updated_at = $now WHERE key = $key",
            transaction,
            cancellationToken,
            ("$key", key),
            ("$layout", StoredJson.Layout(layout)),
            ("$now", Now()));
        await connection.BumpRevisionAsync(SqlCommands.ModelScope(key), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteOutcome.Done(existed ? UpsertResult.Replaced : UpsertResult.Created);
    }

    public async Task<IReadOnlyList<BenchmarkRecord>?> ListBenchmarksAsync(string model, CancellationToken cancellationToken)
    {
        var key = SqlCommands.ModelKey(model);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        return await ReadModelAsync(connection, transaction, key, cancellationToken) is null
            ? null
            : await ReadBenchmarksAsync(connection, transaction, key, cancellationToken);
    }

    public async Task<bool> DeleteBenchmarkAsync(string model, string resource, CancellationToken cancellationToken)
    {
        var key = SqlCommands.ModelKey(model);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        if (await connection.ExecuteAsync("DELETE FROM benchmarks WHERE model_key = $key AND resource = $resource", transaction, cancellationToken, ("$key", key), ("$resource", resource)) == 0)
        {
            return false;
        }

        // With its last benchmark gone, a model's layout is free again.
        await connection.ExecuteAsync(
            "UPDATE models SET layout = NULL, updated_at = $now WHERE key = $key AND graph IS NULL AND NOT EXISTS (SELECT 1 FROM benchmarks WHERE model_key = $key)",
            transaction,
            cancellationToken,
            ("$key", key),
            ("$now", Now()));
        await connection.BumpRevisionAsync(SqlCommands.ModelScope(key), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    internal static async Task<ModelRecord?> ReadModelAsync(SqliteConnection connection, SqliteTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {ModelColumns} FROM models WHERE key = $key", transaction, ("$key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadModel(reader) : null;
    }

    internal static async Task<IReadOnlyList<BenchmarkRecord>> ReadBenchmarksAsync(SqliteConnection connection, SqliteTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT resource, blocks, provenance, stored_at FROM benchmarks WHERE model_key = $key ORDER BY resource",
            transaction,
            ("$key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var benchmarks = new List<BenchmarkRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            benchmarks.Add(new BenchmarkRecord(reader.GetString(0), StoredJson.Blocks(reader.GetString(1)), StoredJson.Provenance(reader.GetString(2)), ParseTime(reader.GetString(3))));
        }

        return benchmarks;
    }

    private static ModelRecord ReadModel(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        StoredJson.Layout(reader.IsDBNull(2) ? null : reader.GetString(2)),
        ParseTime(reader.GetString(3)),
        reader.IsDBNull(4) ? null : new ModelGraph(reader.GetString(4), reader.GetInt64(5), reader.GetString(6)));

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private string Now() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
