using System.Data.Common;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Infrastructure.Storage;

internal sealed class ResourceStore(StoreDatabase database, TimeProvider clock) : IResourceStore
{
    private const string Columns = "name, tier, description, version, compute_watts, transmit_watts, idle_watts";

    public async Task<IReadOnlyList<ResourceRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAllAsync(connection, null, cancellationToken);
    }

    public async Task<ResourceRecord?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM resources WHERE name = @name", null, ("@name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<WriteOutcome> PutAsync(ResourceRecord resource, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        await using var write = await database.WriteAsync(cancellationToken);
        var current = await VersionAsync(write, resource.Name, cancellationToken);
        if (ifMatch is not null && !ifMatch.IsMetBy(current))
        {
            return Precondition.Refusal($"resource '{resource.Name}'", current);
        }

        await write.ExecuteAsync(
            """
            INSERT INTO resources (name, tier, description, version, compute_watts, transmit_watts, idle_watts)
            VALUES (@name, @tier, @description, @version, @compute, @transmit, @idle)
            ON CONFLICT (name) DO UPDATE SET tier = excluded.tier, description = excluded.description, version = excluded.version,
                compute_watts = excluded.compute_watts, transmit_watts = excluded.transmit_watts, idle_watts = excluded.idle_watts
            """,
            cancellationToken,
            ("@name", resource.Name),
            ("@tier", TierText(resource.Tier)),
            ("@description", resource.Description),
            ("@version", write.Version),
            ("@compute", resource.Power?.ComputeWatts),
            ("@transmit", resource.Power?.TransmitWatts),
            ("@idle", resource.Power?.IdleWatts));
        await write.ChangedAsync(Sql.ResourcesScope, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return WriteOutcome.Done(current is null ? UpsertResult.Created : UpsertResult.Replaced, write.Version);
    }

    public async Task<WriteOutcome?> DeleteAsync(string name, bool force, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        await using var write = await database.WriteAsync(cancellationToken);
        if (await VersionAsync(write, name, cancellationToken) is not { } current)
        {
            return ifMatch is null ? null : Precondition.Refusal($"resource '{name}'", null);
        }

        if (ifMatch is not null && !ifMatch.IsMetBy(current))
        {
            return Precondition.Refusal($"resource '{name}'", current);
        }

        var links = await write.CountAsync("SELECT COUNT(*) FROM links WHERE source = @name OR destination = @name", cancellationToken, ("@name", name));
        var benchmarks = await write.CountAsync("SELECT COUNT(*) FROM benchmarks WHERE resource = @name", cancellationToken, ("@name", name));
        if (!force && links + benchmarks > 0)
        {
            return WriteOutcome.Refused(WriteFailure.Conflict, $"resource '{name}' is used by {links} link(s) and {benchmarks} benchmark(s); delete them first or pass force=true to delete them too");
        }

        // Links and benchmarks go with it (ON DELETE CASCADE); the resources revision covers every answer they fed.
        // The models and networks that lose them change as if each had been deleted on its own: a new version (so a
        // stale If-Match fails) and, for a model left without benchmarks or a file, a free layout.
        var models = await DistinctAsync(write, "SELECT DISTINCT model_key FROM benchmarks WHERE resource = @name", name, cancellationToken);
        var networks = await DistinctAsync(write, "SELECT DISTINCT network FROM links WHERE source = @name OR destination = @name", name, cancellationToken);
        await write.ExecuteAsync("DELETE FROM resources WHERE name = @name", cancellationToken, ("@name", name));
        foreach (var key in models)
        {
            await ModelStore.LostBenchmarksAsync(write, key, clock.GetUtcNow(), cancellationToken);
        }

        foreach (var network in networks)
        {
            await write.ChangedAsync(Sql.NetworkScope(network), cancellationToken);
        }

        await write.ChangedAsync(Sql.ResourcesScope, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return WriteOutcome.Done(UpsertResult.Replaced, current);
    }

    internal static async Task<IReadOnlyList<ResourceRecord>> ReadAllAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {Columns} FROM resources ORDER BY name", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var resources = new List<ResourceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            resources.Add(Read(reader));
        }

        return resources;
    }

    private static async Task<List<string>> DistinctAsync(StoreWrite write, string sql, string name, CancellationToken cancellationToken)
    {
        await using var command = write.Command(sql, ("@name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static Task<long?> VersionAsync(StoreWrite write, string name, CancellationToken cancellationToken) =>
        write.LongOrNullAsync("SELECT version FROM resources WHERE name = @name", cancellationToken, ("@name", name));

    private static ResourceRecord Read(DbDataReader reader)
    {
        var power = new PowerFigures(DoubleOrNull(reader, 4), DoubleOrNull(reader, 5), DoubleOrNull(reader, 6));
        return new(reader.GetString(0), Enum.Parse<Tier>(reader.GetString(1), ignoreCase: true), reader.StringOrNull(2)) { Version = reader.Int64(3), Power = power.Any ? power : null };
    }

    private static double? DoubleOrNull(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);

    private static string TierText(Tier tier) => tier.ToString().ToLowerInvariant();
}
