using System.Data;
using System.Data.Common;

namespace Scission.Infrastructure.Storage;

/// <summary>
/// What differs between the engines the stores run on: how to connect, how a write excludes other writes, the
/// schema's migrations and which failures mean "unavailable for now". The stores' SQL is shared (named
/// <c>@parameters</c>, <c>ON CONFLICT</c> upserts, <c>RETURNING</c>), so the engines cannot drift apart.
/// </summary>
internal abstract class StoreDatabase
{
    /// <summary>The engine, for logs and health: <c>sqlite</c> or <c>postgres</c>.</summary>
    public abstract string Engine { get; }

    /// <summary>A pooled connection, open.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that reads one consistent snapshot.</summary>
    public abstract Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// A transaction that holds the store's write lock until it ends: writes run one at a time, so every check a
    /// write makes (does it exist, which layout, which version) still holds when it commits, on every replica.
    /// Reads never wait for it.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The schema's steps, in order; each applied once, recorded in <c>schema_migrations</c>.</summary>
    public abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Whether a failure means the store cannot be reached or used just now (answered 503, not 500).</summary>
    public abstract bool IsUnavailable(Exception exception);

    /// <summary>Whether a read is a network round trip to a server (worth gathering requests for), not a local file.</summary>
    public abstract bool ReadsAreRoundTrips { get; }

    /// <summary>Runs before the migrations take their lock (e.g. a file's journal mode).</summary>
    protected virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A transaction that excludes every other migrator, whichever process runs it.</summary>
    protected abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the schema up to date: under the migration lock, reads which steps <c>schema_migrations</c> lists
    /// and applies the others in one transaction, so replicas starting together apply each step once and none
    /// starts on a half-made schema. Returns the versions this call applied.
    /// </summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await PrepareAsync(connection, cancellationToken);
        await using var transaction = await BeginMigrationAsync(connection, cancellationToken);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
            transaction,
            cancellationToken);
        var applied = new HashSet<long>();
        await using (var command = connection.Command("SELECT version FROM schema_migrations", transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var done = new List<int>();
        foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            await migration.ApplyAsync(connection, transaction, cancellationToken);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @now)",
                transaction,
                cancellationToken,
                ("@version", migration.Version),
                ("@description", migration.Description),
                ("@now", now));
            done.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>Opens a connection and begins a write on it: see <see cref="StoreWrite"/>.</summary>
    public Task<StoreWrite> WriteAsync(CancellationToken cancellationToken) => StoreWrite.BeginAsync(this, cancellationToken);
}

/// <summary>One step of the schema.</summary>
/// <param name="Version">Its number; steps apply in increasing order.</param>
/// <param name="Description">What it does, as recorded.</param>
/// <param name="ApplyAsync">The step, inside the migration transaction.</param>
internal sealed record Migration(int Version, string Description, Func<DbConnection, DbTransaction, CancellationToken, Task> ApplyAsync)
{
    /// <summary>A step that is one SQL script.</summary>
    public static Migration Script(int version, string description, string sql) =>
        new(version, description, (connection, transaction, cancellationToken) => connection.ExecuteAsync(sql, transaction, cancellationToken));
}
