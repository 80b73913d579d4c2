using Microsoft.Data.Sqlite;
using Microsoft.Extensions.ObjectPool;
using Scission.Domain.Catalog;

namespace Scission.Infrastructure.Storage;

internal sealed class SqlitePartitionInputsStore(SqliteDatabase database) : IPartitionInputsStore, IDisposable
{
    // Every partition query reads the revisions, cache hits included, so they get open connections with a
    // prepared statement, kept in a pool: no parsing per call, and no lock that would serialise the queries.
    // The provider's pool of disposable objects disposes what it holds when it is disposed itself.
    private readonly ObjectPool<RevisionsReader> _readers =
        new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 }.Create(new RevisionsReaderPolicy(database));

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

    public async Task<InputRevisions> GetRevisionsAsync(string model, string network, CancellationToken cancellationToken)
    {
        var reader = _readers.Get();
        try
        {
            var revisions = await reader.ReadAsync(SqlCommands.ModelKey(model), network, cancellationToken);
            _readers.Return(reader);
            return revisions;
        }
        catch
        {
            // A reader that failed is not trusted again: its connection may be broken.
            reader.Dispose();
            throw;
        }
    }

    public void Dispose() => (_readers as IDisposable)?.Dispose();

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

    /// <summary>One open connection with the revisions query prepared on it, opened on first use.</summary>
    private sealed class RevisionsReader(SqliteDatabase database) : IDisposable
    {
        private SqliteConnection? _connection;
        private SqliteCommand? _command;

        public async Task<InputRevisions> ReadAsync(string key, string network, CancellationToken cancellationToken)
        {
            if (_command is null)
            {
                _connection = await database.OpenAsync(cancellationToken);
                _command = _connection.Command(RevisionsSql, null, ("$model", ""), ("$network", ""), ("$resources", SqlCommands.ResourcesScope));
                _command.Prepare();
            }

            _command.Parameters["$model"].Value = SqlCommands.ModelScope(key);
            _command.Parameters["$network"].Value = SqlCommands.NetworkScope(network);
            await using var reader = await _command.ExecuteReaderAsync(cancellationToken);
            return Collect(reader, key, network);
        }

        public void Dispose()
        {
            _command?.Dispose();
            _connection?.Dispose();
        }
    }

    private sealed class RevisionsReaderPolicy(SqliteDatabase database) : PooledObjectPolicy<RevisionsReader>
    {
        public override RevisionsReader Create() => new(database);

        public override bool Return(RevisionsReader obj) => true;
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
