using Microsoft.Data.Sqlite;
using Scission.Domain.Catalog;

namespace Scission.Infrastructure.Storage;

internal sealed class SqlitePartitionInputsStore(SqliteDatabase database) : IPartitionInputsStore, IDisposable
{
    // Every partition query reads the revisions, cache hits included, so they get one open connection and a
    // prepared statement instead of a pooled connection and a parsed query per call.
    private readonly Lock _revisionsLock = new();
    private SqliteConnection? _revisionsConnection;
    private SqliteCommand? _revisionsCommand;

    public async Task<PartitionInputs?> LoadAsync(string model, string network, CancellationToken cancellationToken)
    {
        var key = SqlCommands.ModelKey(model);
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read transaction: under WAL it sees a single snapshot. It is read after the revisions the cache key
        // was built from, so an answer is never older than its key says.
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
            await SqliteNetworkStore.ReadLinksAsync(connection, transaction, network, cancellationToken));
    }

    public Task<InputRevisions> GetRevisionsAsync(string model, string network, CancellationToken cancellationToken)
    {
        lock (_revisionsLock)
        {
            try
            {
                return Task.FromResult(ReadRevisions(SqlCommands.ModelKey(model), network));
            }
            catch (SqliteException)
            {
                // A broken connection is replaced on the next call; this one reports the failure.
                DisposeRevisionsReader();
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_revisionsLock)
        {
            DisposeRevisionsReader();
        }
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

    private const string RevisionsSql = "SELECT scope, value FROM revisions WHERE scope IN ($model, $network, $resources)";

    private InputRevisions ReadRevisions(string key, string network)
    {
        if (_revisionsCommand is null)
        {
            _revisionsConnection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
            _revisionsCommand = _revisionsConnection.Command(RevisionsSql, null, ("$model", ""), ("$network", ""), ("$resources", SqlCommands.ResourcesScope));
            _revisionsCommand.Prepare();
        }

        _revisionsCommand.Parameters["$model"].Value = SqlCommands.ModelScope(key);
        _revisionsCommand.Parameters["$network"].Value = SqlCommands.NetworkScope(network);
        using var reader = _revisionsCommand.ExecuteReader();
        return Collect(reader, key, network);
    }

    private void DisposeRevisionsReader()
    {
        _revisionsCommand?.Dispose();
        _revisionsConnection?.Dispose();
        _revisionsCommand = null;
        _revisionsConnection = null;
    }

    private static InputRevisions Collect(SqliteDataReader reader, string key, string network)
    {
        var modelScope = SqlCommands.ModelScope(key);
        var networkScope = SqlCommands.NetworkScope(network);
        long model = 0, links = 0, resources = 0;
        while (reader.Read())
        {
            var value = reader.GetInt64(1);
            var scope = reader.GetString(0);
            if (scope == modelScope)
            {
                model = value;
            }
            else if (scope == networkScope)
            {
                links = value;
            }
            else
            {
                resources = value;
            }
        }

        return new InputRevisions(model, links, resources);
    }
}
