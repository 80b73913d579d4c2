using System.Text.Json;
using Scission.Domain.Catalog;

namespace Scission.Infrastructure.Storage;

/// <summary>Operations as JSON documents, with owner and status beside them for the restart sweep.</summary>
internal sealed class SqliteOperationStore(SqliteDatabase database) : IOperationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task CreateAsync(OperationRecord operation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO operations (id, state, owner, status) VALUES ($id, $state, $owner, $status)",
            null,
            cancellationToken,
            ("$id", operation.Id),
            ("$state", JsonSerializer.Serialize(operation, Json)),
            ("$owner", operation.Owner),
            ("$status", operation.Status));
    }

    public async Task<OperationRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT state FROM operations WHERE id = $id", null, ("$id", id));
        return await command.ExecuteScalarAsync(cancellationToken) is string state ? JsonSerializer.Deserialize<OperationRecord>(state, Json) : null;
    }

    public async Task UpdateAsync(OperationRecord operation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE operations SET state = $state, status = $status WHERE id = $id",
            null,
            cancellationToken,
            ("$id", operation.Id),
            ("$state", JsonSerializer.Serialize(operation, Json)),
            ("$status", operation.Status));
    }

    public async Task<int> AbandonAsync(string owner, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT state FROM operations WHERE owner = $owner AND status IN ('queued', 'running')", null, ("$owner", owner));
        var unfinished = new List<OperationRecord>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                unfinished.Add(JsonSerializer.Deserialize<OperationRecord>(reader.GetString(0), Json)!);
            }
        }

        foreach (var operation in unfinished)
        {
            await UpdateAsync(operation with { Status = "failed", Progress = null, Error = reason, UpdatedAt = now }, cancellationToken);
        }

        return unfinished.Count;
    }
}
