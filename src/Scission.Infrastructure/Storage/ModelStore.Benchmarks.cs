using System.Data.Common;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Infrastructure.Storage;

/// <summary>A model's benchmarks, one or a batch at a time, under the layout rule.</summary>
internal sealed partial class ModelStore
{
    public async Task<WriteOutcome> PutBenchmarkAsync(string model, BenchmarkRecord benchmark, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        await using var write = await database.WriteAsync(cancellationToken);
        var outcome = await StoreBenchmarkAsync(write, model, benchmark, ifMatch, cancellationToken);
        if (outcome.Failure is null)
        {
            await write.CommitAsync(cancellationToken);
        }

        return outcome;
    }

    public async Task<IReadOnlyList<WriteOutcome>> PutBenchmarksAsync(IReadOnlyList<BenchmarkWrite> writes, CancellationToken cancellationToken)
    {
        await using var write = await database.WriteAsync(cancellationToken);
        var outcomes = new List<WriteOutcome>(writes.Count);
        foreach (var item in writes)
        {
            // A refused item changes nothing, so the ones after it are checked as if it had not been sent, and
            // every refusal is reported, not only the first.
            outcomes.Add(await StoreBenchmarkAsync(write, item.Model, item.Benchmark, null, cancellationToken));
        }

        if (outcomes.All(o => o.Failure is null))
        {
            await write.CommitAsync(cancellationToken);
        }

        return outcomes;
    }

    /// <summary>Checks and stores one benchmark inside <paramref name="write"/>; the caller commits.</summary>
    private async Task<WriteOutcome> StoreBenchmarkAsync(StoreWrite write, string model, BenchmarkRecord benchmark, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        var key = Sql.ModelKey(model);
        var current = await BenchmarkVersionAsync(write, key, benchmark.Resource, cancellationToken);
        if (ifMatch is not null && !ifMatch.IsMetBy(current))
        {
            return Precondition.Refusal($"the benchmark of model '{model}' on resource '{benchmark.Resource}'", current);
        }

        var stored = await ReadModelAsync(write.Connection, write.Transaction, key, cancellationToken);
        if (stored is null)
        {
            return WriteOutcome.Refused(WriteFailure.NotFound, $"model '{model}' is not registered");
        }

        if (await write.CountAsync("SELECT COUNT(*) FROM resources WHERE name = @name", cancellationToken, ("@name", benchmark.Resource)) == 0)
        {
            return WriteOutcome.Refused(WriteFailure.NotFound, $"resource '{benchmark.Resource}' is not registered");
        }

        var layout = BlockLayout.Create(benchmark.LayerRanges);
        var others = await write.CountAsync(
            "SELECT COUNT(*) FROM benchmarks WHERE model_key = @key AND resource <> @resource",
            cancellationToken,
            ("@key", key),
            ("@resource", benchmark.Resource));
        // The layout is the model's once other benchmarks rely on it, or its uploaded graph defines it;
        // re-posting the only benchmark of a model without a graph may change it. Writes run one at a time
        // (StoreDatabase.BeginWriteAsync), so of two first benchmarks racing from two replicas, the second sees
        // the first and is refused.
        if (stored.Layout is { } fixedLayout && (others > 0 || stored.Graph is not null) && fixedLayout.DescribeDifference(layout) is { } difference)
        {
            return WriteOutcome.Refused(WriteFailure.Conflict, $"the benchmark's layout differs from the model's: {difference}");
        }

        await write.ExecuteAsync(
            """
            INSERT INTO benchmarks (model_key, resource, blocks, provenance, stored_at, version) VALUES (@key, @resource, @blocks, @provenance, @now, @version)
            ON CONFLICT (model_key, resource) DO UPDATE SET blocks = excluded.blocks, provenance = excluded.provenance, stored_at = excluded.stored_at,
                version = excluded.version
            """,
            cancellationToken,
            ("@key", key),
            ("@resource", benchmark.Resource),
            ("@blocks", StoredJson.Blocks(benchmark.Blocks)),
            ("@provenance", StoredJson.Provenance(benchmark.Provenance)),
            ("@now", Sql.Text(benchmark.StoredAt)),
            ("@version", write.Version));
        await write.ExecuteAsync(
            "UPDATE models SET layout = @layout, updated_at = @now, version = @version WHERE key = @key",
            cancellationToken,
            ("@key", key),
            ("@layout", StoredJson.Layout(layout)),
            ("@now", Now()),
            ("@version", write.Version));
        await write.ChangedAsync(Sql.ModelScope(key), cancellationToken);
        return WriteOutcome.Done(current is null ? UpsertResult.Created : UpsertResult.Replaced, write.Version);
    }

    public async Task<IReadOnlyList<BenchmarkRecord>?> ListBenchmarksAsync(string model, CancellationToken cancellationToken)
    {
        var key = Sql.ModelKey(model);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginReadAsync(connection, cancellationToken);
        return await ReadModelAsync(connection, transaction, key, cancellationToken) is null
            ? null
            : await ReadBenchmarksAsync(connection, transaction, key, cancellationToken);
    }

    public async Task<WriteOutcome?> DeleteBenchmarkAsync(string model, string resource, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        var key = Sql.ModelKey(model);
        await using var write = await database.WriteAsync(cancellationToken);
        var current = await BenchmarkVersionAsync(write, key, resource, cancellationToken);
        if (ifMatch is not null && !ifMatch.IsMetBy(current))
        {
            return Precondition.Refusal($"the benchmark of model '{model}' on resource '{resource}'", current);
        }

        if (current is null)
        {
            return null;
        }

        await write.ExecuteAsync("DELETE FROM benchmarks WHERE model_key = @key AND resource = @resource", cancellationToken, ("@key", key), ("@resource", resource));
        await LostBenchmarksAsync(write, key, clock.GetUtcNow(), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return WriteOutcome.Done(UpsertResult.Replaced, current.Value);
    }

    /// <summary>
    /// After benchmarks of the model <paramref name="key"/> were deleted (on their own or with their resource): a new
    /// version, and with the last one gone a free layout (unless the model's file defines it).
    /// </summary>
    internal static async Task LostBenchmarksAsync(StoreWrite write, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await write.ExecuteAsync(
            """
            UPDATE models SET updated_at = @now, version = @version,
                layout = CASE WHEN graph IS NULL AND NOT EXISTS (SELECT 1 FROM benchmarks WHERE model_key = @key) THEN NULL ELSE layout END
            WHERE key = @key
            """,
            cancellationToken,
            ("@key", key),
            ("@now", Sql.Text(now)),
            ("@version", write.Version));
        await write.ChangedAsync(Sql.ModelScope(key), cancellationToken);
    }

    internal static async Task<IReadOnlyList<BenchmarkRecord>> ReadBenchmarksAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT resource, blocks, provenance, stored_at, version FROM benchmarks WHERE model_key = @key ORDER BY resource",
            transaction,
            ("@key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var benchmarks = new List<BenchmarkRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            benchmarks.Add(new BenchmarkRecord(reader.GetString(0), StoredJson.Blocks(reader.GetString(1)), StoredJson.Provenance(reader.GetString(2)), Sql.Instant(reader.GetString(3)))
            {
                Version = reader.Int64(4),
            });
        }

        return benchmarks;
    }

    private static Task<long?> BenchmarkVersionAsync(StoreWrite write, string key, string resource, CancellationToken cancellationToken) =>
        write.LongOrNullAsync("SELECT version FROM benchmarks WHERE model_key = @key AND resource = @resource", cancellationToken, ("@key", key), ("@resource", resource));
}
