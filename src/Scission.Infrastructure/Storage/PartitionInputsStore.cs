using System.Data;
using System.Data.Common;
using Microsoft.Extensions.ObjectPool;
using Scission.Domain.Catalog;

namespace Scission.Infrastructure.Storage;

internal sealed class PartitionInputsStore : IPartitionInputsStore, IDisposable
{
    private readonly StoreDatabase _database;

    // Every partition query reads the revisions, cache hits included, so they get open connections with a
    // prepared statement, kept in a pool: no parsing per call, one round trip, and no lock that would serialise
    // the queries. The provider's pool of disposable objects disposes what it holds when it is disposed itself.
    private readonly ObjectPool<RevisionsReader> _readers;

    // Requests for the same model and network at the same time share a read that began after each of them arrived.
    private readonly RevisionReads<(string Model, string Network), InputRevisions> _reads;

    public PartitionInputsStore(StoreDatabase database)
    {
        _database = database;
        _readers = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 }.Create(new RevisionsReaderPolicy(database));
        _reads = new(key => ReadRevisionsAsync(key.Model, key.Network), database.ReadsAreRoundTrips);
    }

    public async Task<PartitionInputs?> LoadAsync(string model, string network, CancellationToken cancellationToken)
    {
        var key = Sql.ModelKey(model);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // One read transaction sees a single snapshot. It is read after the revisions the cache key was built
        // from, so an answer is never older than its key says.
        await using var transaction = await _database.BeginReadAsync(connection, cancellationToken);
        var stored = await ModelStore.ReadModelAsync(connection, transaction, key, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        return new PartitionInputs(
            stored,
            await ResourceStore.ReadAllAsync(connection, transaction, cancellationToken),
            await ModelStore.ReadBenchmarksAsync(connection, transaction, key, cancellationToken),
            await NetworkStore.ReadLinksAsync(connection, transaction, network, cancellationToken));
    }

    public Task<InputRevisions> GetRevisionsAsync(string model, string network, CancellationToken cancellationToken) =>
        _reads.ReadAsync((Sql.ModelKey(model), network), cancellationToken);

    private async Task<InputRevisions> ReadRevisionsAsync(string key, string network)
    {
        var reader = _readers.Get();
        try
        {
            var revisions = await reader.ReadAsync(key, network, CancellationToken.None);
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
            await using var connection = await _database.OpenAsync(cancellationToken);
            return await connection.CountAsync("SELECT COUNT(*) FROM revisions", null, cancellationToken) >= 0;
        }
        catch (Exception exception) when (exception is DbException || _database.IsUnavailable(exception))
        {
            return false;
        }
    }

    // One row of four numbers: the least a round trip can carry (a scope never written is at revision 0).
    private const string RevisionsSql = """
        SELECT COALESCE((SELECT value FROM revisions WHERE scope = @model), 0),
               COALESCE((SELECT value FROM revisions WHERE scope = @network), 0),
               COALESCE((SELECT value FROM revisions WHERE scope = @resources), 0),
               COALESCE((SELECT value FROM revisions WHERE scope = 'identity'), 0)
        """;

    /// <summary>One open connection with the revisions query prepared on it, opened on first use.</summary>
    private sealed class RevisionsReader(StoreDatabase database) : IDisposable
    {
        private DbConnection? _connection;
        private DbCommand? _command;

        public async Task<InputRevisions> ReadAsync(string key, string network, CancellationToken cancellationToken)
        {
            if (_command is null)
            {
                _connection = await database.OpenAsync(cancellationToken);
                _command = _connection.Command(RevisionsSql, null, ("@model", ""), ("@network", ""), ("@resources", Sql.ResourcesScope));
                await _command.PrepareAsync(cancellationToken);
            }

            _command.Parameters["@model"].Value = Sql.ModelScope(key);
            _command.Parameters["@network"].Value = Sql.NetworkScope(network);
            await using var reader = await _command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new InputRevisions(reader.Int64(0), reader.Int64(1), reader.Int64(2), reader.Int64(3))
                : throw new InvalidOperationException("the revisions query returned no row");
        }

        public void Dispose()
        {
            _command?.Dispose();
            _connection?.Dispose();
        }
    }

    private sealed class RevisionsReaderPolicy(StoreDatabase database) : PooledObjectPolicy<RevisionsReader>
    {
        public override RevisionsReader Create() => new(database);

        public override bool Return(RevisionsReader obj) => true;
    }
}
