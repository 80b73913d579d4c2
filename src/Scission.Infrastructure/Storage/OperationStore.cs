using System.Text.Json;
using Scission.Domain.Catalog;

namespace Scission.Infrastructure.Storage;

/// <summary>Operations as JSON documents, with owner and status beside them for the restart sweep.</summary>
internal sealed class OperationStore(StoreDatabase database) : IOperationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task CreateAsync(OperationRecord operation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO operations (id, state, owner, status) VALUES (@id, @state, @owner, @status)",
            null,
            cancellationToken,
            ("@id", operation.Id),
            ("@state", JsonSerializer.Serialize(operation, Json)),
            ("@owner", operation.Owner),
            ("@status", operation.Status));
    }

    public async Task<OperationRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT state FROM operations WHERE id = @id", null, ("@id", id));
        return await command.ExecuteScalarAsync(cancellationToken) is string state ? JsonSerializer.Deserialize<OperationRecord>(state, Json) : null;
    }

    public async Task UpdateAsync(OperationRecord operation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            // A finished operation is final: neither a late runner nor a sweep may change it again.
            "UPDATE operations SET state = @state, status = @status WHERE id = @id AND status IN ('queued', 'running')",
            null,
            cancellationToken,
            ("@id", operation.Id),
            ("@state", JsonSerializer.Serialize(operation, Json)),
            ("@status", operation.Status));
    }

    public async Task HeartbeatAsync(string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO instances (id, seen_at) VALUES (@id, @now) ON CONFLICT(id) DO UPDATE SET seen_at = excluded.seen_at",
            null,
            cancellationToken,
            ("@id", owner),
            ("@now", Sql.Text(now)));
    }

    public async Task<int> AbandonOrphansAsync(string self, DateTimeOffset staleBefore, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Times are stored as round-trip UTC strings, which sort as the instants they name.
        await using var command = connection.Command(
            """
            SELECT o.state, i.seen_at IS NULL FROM operations o LEFT JOIN instances i ON i.id = o.owner
            WHERE o.status IN ('queued', 'running') AND o.owner <> @self AND (i.seen_at IS NULL OR i.seen_at < @stale)
            """,
            null,
            ("@self", self),
            ("@stale", Sql.Text(staleBefore)));
        var orphans = new List<OperationRecord>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var operation = JsonSerializer.Deserialize<OperationRecord>(reader.GetString(0), Json)!;
                // An owner never seen may be a live process whose first beat failed: only its old operations count.
                if (!reader.GetBoolean(1) || operation.UpdatedAt < staleBefore)
                {
                    orphans.Add(operation);
                }
            }
        }

        foreach (var operation in orphans)
        {
            await UpdateAsync(operation with { Status = "failed", Progress = null, Error = reason, UpdatedAt = now }, cancellationToken);
        }

        return orphans.Count;
    }

    public async Task<int> ForgetInstancesAsync(DateTimeOffset unseenSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            DELETE FROM instances WHERE seen_at < @unseen
            AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.owner = instances.id AND o.status IN ('queued', 'running'))
            """,
            null,
            cancellationToken,
            ("@unseen", Sql.Text(unseenSince)));
    }
}
