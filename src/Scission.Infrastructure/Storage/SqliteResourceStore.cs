using Microsoft.Data.Sqlite;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Infrastructure.Storage;

internal sealed class SqliteResourceStore(SqliteDatabase database) : IResourceStore
{
    public async Task<IReadOnlyList<ResourceRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAllAsync(connection, null, cancellationToken);
    }

    public async Task<ResourceRecord?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT name, tier, description FROM resources WHERE name = $name", null, ("$name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<UpsertResult> PutAsync(ResourceRecord resource, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var existed = await connection.CountAsync("SELECT COUNT(*) FROM resources WHERE name = $name", transaction, cancellationToken, ("$name", resource.Name)) > 0;
        await connection.ExecuteAsync(
            """
            INSERT INTO resources (name, tier, description) VALUES ($name, $tier, $description)
            ON CONFLICT(name) DO UPDATE SET tier = excluded.tier, description = excluded.description
            """,
            transaction,
            cancellationToken,
            ("$name", resource.Name),
            ("$tier", TierText(resource.Tier)),
            ("$description", resource.Description));
        await connection.BumpRevisionAsync(SqlCommands.ResourcesScope, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return existed ? UpsertResult.Replaced : UpsertResult.Created;
    }

    public async Task<WriteOutcome?> DeleteAsync(string name, bool force, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        if (await connection.CountAsync("SELECT COUNT(*) FROM resources WHERE name = $name", transaction, cancellationToken, ("$name", name)) == 0)
        {
            return null;
        }

        var links = await connection.CountAsync("SELECT COUNT(*) FROM links WHERE source = $name OR destination = $name", transaction, cancellationToken, ("$name", name));
        var benchmarks = await connection.CountAsync("SELECT COUNT(*) FROM benchmarks WHERE resource = $name", transaction, cancellationToken, ("$name", name));
        if (!force && links + benchmarks > 0)
        {
            return WriteOutcome.Refused(WriteFailure.Conflict, $"resource '{name}' is used by {links} link(s) and {benchmarks} benchmark(s); delete them first or pass force=true to delete them too");
        }

        // Links and benchmarks go with it (ON DELETE CASCADE); the resources revision covers every answer they fed.
        await connection.ExecuteAsync("DELETE FROM resources WHERE name = $name", transaction, cancellationToken, ("$name", name));
        await connection.BumpRevisionAsync(SqlCommands.ResourcesScope, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteOutcome.Done(UpsertResult.Replaced);
    }

    internal static async Task<IReadOnlyList<ResourceRecord>> ReadAllAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT name, tier, description FROM resources ORDER BY name", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var resources = new List<ResourceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            resources.Add(Read(reader));
        }

        return resources;
    }

    private static ResourceRecord Read(SqliteDataReader reader) =>
        new(reader.GetString(0), Enum.Parse<Tier>(reader.GetString(1), ignoreCase: true), reader.IsDBNull(2) ? null : reader.GetString(2));

    private static string TierText(Tier tier) => tier.ToString().ToLowerInvariant();
}
