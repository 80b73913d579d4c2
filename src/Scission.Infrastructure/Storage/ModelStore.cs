using System.Data.Common;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Infrastructure.Storage;

/// <summary>Models and their files; benchmarks are in ModelStore.Benchmarks.cs.</summary>
internal sealed partial class ModelStore(StoreDatabase database, TimeProvider clock) : IModelStore
{
    private const string ModelColumns = "name, description, layout, updated_at, graph, file_bytes, sha256, version";

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
        return await ReadModelAsync(connection, null, Sql.ModelKey(model), cancellationToken);
    }

    public async Task<WriteOutcome> PutAsync(string model, string? description, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        var key = Sql.ModelKey(model);
        await using var write = await database.WriteAsync(cancellationToken);
        var current = await VersionAsync(write, key, cancellationToken);
        if (ifMatch is not null && !ifMatch.IsMetBy(current))
        {
            return Precondition.Refusal($"model '{model}'", current);
        }

        // The first spelling of the name is kept, so VGG16 and vgg16 stay one model.
        await write.ExecuteAsync(
            """
            INSERT INTO models (key, name, description, updated_at, version) VALUES (@key, @name, @description, @now, @version)
            ON CONFLICT (key) DO UPDATE SET description = excluded.description, updated_at = excluded.updated_at, version = excluded.version
            """,
            cancellationToken,
            ("@key", key),
            ("@name", model),
            ("@description", description),
            ("@now", Now()),
            ("@version", write.Version));
        await write.ChangedAsync(Sql.ModelScope(key), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return WriteOutcome.Done(current is null ? UpsertResult.Created : UpsertResult.Replaced, write.Version);
    }

    public async Task<WriteOutcome> PutGraphAsync(string model, string? description, BlockLayout layout, ModelGraph graph, byte[] content, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        var key = Sql.ModelKey(model);
        await using var write = await database.WriteAsync(cancellationToken);
        var stored = await ReadModelAsync(write.Connection, write.Transaction, key, cancellationToken);
        if (ifMatch is not null && !ifMatch.IsMetBy(stored?.Version))
        {
            return Precondition.Refusal($"model '{model}'", stored?.Version);
        }

        var benchmarks = await write.CountAsync("SELECT COUNT(*) FROM benchmarks WHERE model_key = @key", cancellationToken, ("@key", key));
        if (stored?.Layout is { } existing && benchmarks > 0 && existing.DescribeDifference(layout) is { } difference)
        {
            return WriteOutcome.Refused(WriteFailure.Conflict, $"the model's {benchmarks} benchmark(s) have another layout ({difference}); delete them before uploading this file");
        }

        await write.ExecuteAsync(
            """
            INSERT INTO models (key, name, description, layout, updated_at, graph, file_bytes, sha256, version)
            VALUES (@key, @name, @description, @layout, @now, @graph, @bytes, @sha, @version)
            ON CONFLICT (key) DO UPDATE SET description = COALESCE(excluded.description, models.description), layout = excluded.layout,
                updated_at = excluded.updated_at, graph = excluded.graph, file_bytes = excluded.file_bytes, sha256 = excluded.sha256, version = excluded.version
            """,
            cancellationToken,
            ("@key", key),
            ("@name", model),
            ("@description", description),
            ("@layout", StoredJson.Layout(layout)),
            ("@now", Now()),
            ("@graph", graph.Analysis),
            ("@bytes", graph.FileBytes),
            ("@sha", graph.Sha256),
            ("@version", write.Version));
        await write.ExecuteAsync(
            "INSERT INTO model_files (model_key, content) VALUES (@key, @content) ON CONFLICT (model_key) DO UPDATE SET content = excluded.content",
            cancellationToken,
            ("@key", key),
            ("@content", content));
        await write.ChangedAsync(Sql.ModelScope(key), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return WriteOutcome.Done(stored is null ? UpsertResult.Created : UpsertResult.Replaced, write.Version);
    }

    public async Task<byte[]?> GetFileAsync(string model, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT content FROM model_files WHERE model_key = @key", null, ("@key", Sql.ModelKey(model)));
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<WriteOutcome?> DeleteAsync(string model, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        var key = Sql.ModelKey(model);
        await using var write = await database.WriteAsync(cancellationToken);
        var current = await VersionAsync(write, key, cancellationToken);
        if (ifMatch is not null && !ifMatch.IsMetBy(current))
        {
            return Precondition.Refusal($"model '{model}'", current);
        }

        if (current is null)
        {
            return null;
        }

        await write.ExecuteAsync("DELETE FROM models WHERE key = @key", cancellationToken, ("@key", key));
        await write.ChangedAsync(Sql.ModelScope(key), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return WriteOutcome.Done(UpsertResult.Replaced, current.Value);
    }

    internal static async Task<ModelRecord?> ReadModelAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {ModelColumns} FROM models WHERE key = @key", transaction, ("@key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadModel(reader) : null;
    }

    private static Task<long?> VersionAsync(StoreWrite write, string key, CancellationToken cancellationToken) =>
        write.LongOrNullAsync("SELECT version FROM models WHERE key = @key", cancellationToken, ("@key", key));

    private static ModelRecord ReadModel(DbDataReader reader) => new(
        reader.GetString(0),
        reader.StringOrNull(1),
        StoredJson.Layout(reader.StringOrNull(2)),
        Sql.Instant(reader.GetString(3)),
        reader.IsDBNull(4) ? null : new ModelGraph(reader.GetString(4), reader.Int64(5), reader.GetString(6)))
    {
        Version = reader.Int64(7),
    };

    private string Now() => Sql.Text(clock.GetUtcNow());
}
