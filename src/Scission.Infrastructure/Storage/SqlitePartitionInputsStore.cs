using Microsoft.Data.Sqlite;
using Scission.Domain.Catalog;

namespace Scission.Infrastructure.Storage;

internal sealed class SqlitePartitionInputsStore(SqliteDatabase database) : IPartitionInputsStore
{
    public async Task<PartitionInputs?> LoadAsync(string model, string network, CancellationToken cancellationToken)
    {
        var key = SqlCommands.ModelKey(model);
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read transaction: under WAL it sees a single snapshot, so data and revisions agree.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var stored = await SqliteModelStore.ReadModelAsync(connection, transaction, key, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        return new PartitionInputs(
            stored,
            await SqliteResourceStore.ReadAllAsync(connection, transaction, cancellationToken),
            await SqliteModelStore.ReadBenchmarksAsync(connection, transaction, key, cancellationToken),
            await SqliteNetworkStore.ReadLinksAsync(connection, transaction, network, cancellationToken),
            await ReadRevisionsAsync(connection, transaction, key, network, cancellationToken));
    }

    public async Task<InputRevisions> GetRevisionsAsync(string model, string network, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadRevisionsAsync(connection, null, SqlCommands.ModelKey(model), network, cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await connection.CountAsync("SELECT COUNT(*) FROM revisions", null, cancellationToken) >= 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static async Task<InputRevisions> ReadRevisionsAsync(SqliteConnection connection, SqliteTransaction? transaction, string key, string network, CancellationToken cancellationToken)
    {
        var modelScope = SqlCommands.ModelScope(key);
        var networkScope = SqlCommands.NetworkScope(network);
        await using var command = connection.Command(
            "SELECT scope, value FROM revisions WHERE scope IN ($model, $network, $resources)",
            transaction,
            ("$model", modelScope),
            ("$network", networkScope),
            ("$resources", SqlCommands.ResourcesScope));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long model = 0, links = 0, resources = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = reader.GetInt64(1);
            switch (reader.GetString(0))
            {
                case var scope when scope == modelScope:
                    model = value;
                    break;
                case var scope when scope == networkScope:
                    links = value;
                    break;
                default:
                    resources = value;
                    break;
            }
        }

        return new InputRevisions(model, links, resources);
    }
}
