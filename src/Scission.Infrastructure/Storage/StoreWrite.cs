using System.Data.Common;

namespace Scission.Infrastructure.Storage;

/// <summary>
/// One write: a connection, a transaction holding the store's write lock, and the version this write stamps on
/// every entry it creates or changes (the next value of the store-wide clock, so a version is never reused, not
/// even after a delete and re-create). Disposed without <see cref="CommitAsync"/>, it rolls back.
/// </summary>
internal sealed class StoreWrite : IAsyncDisposable
{
    private StoreWrite(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public long Version { get; private set; }

    public static async Task<StoreWrite> BeginAsync(StoreDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var write = new StoreWrite(connection, await database.BeginWriteAsync(connection, cancellationToken));
            write.Version = await connection.CountAsync(
                "INSERT INTO revisions (scope, value) VALUES (@scope, 1) ON CONFLICT (scope) DO UPDATE SET value = revisions.value + 1 RETURNING value",
                write.Transaction,
                cancellationToken,
                ("@scope", Sql.StoreClock));
            return write;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters) => Connection.Command(sql, Transaction, parameters);

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        Connection.ExecuteAsync(sql, Transaction, cancellationToken, parameters);

    public Task<long> CountAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        Connection.CountAsync(sql, Transaction, cancellationToken, parameters);

    public Task<long?> LongOrNullAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        Connection.LongOrNullAsync(sql, Transaction, cancellationToken, parameters);

    /// <summary>
    /// Marks a scope (a model, a network, the resources) changed by this write, in its transaction, so readers never
    /// see data and revision apart; the revision becomes this write's version, which no earlier key held.
    /// </summary>
    public Task<int> ChangedAsync(string scope, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO revisions (scope, value) VALUES (@scope, @version) ON CONFLICT (scope) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("@scope", scope),
            ("@version", Version));

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
