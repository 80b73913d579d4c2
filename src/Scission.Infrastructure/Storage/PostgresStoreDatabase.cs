using System.Data;
using System.Data.Common;
using Npgsql;

namespace Scission.Infrastructure.Storage;

/// <summary>
/// The shared store for several replicas: PostgreSQL through Npgsql's pooled data source, with real asynchronous
/// I/O. Reads run in REPEATABLE READ transactions (one snapshot); writes take a transaction-scoped advisory lock,
/// so they run one at a time across every replica, as on SQLite, while reads never wait. Names are compared and
/// sorted byte-wise (<c>COLLATE "C"</c>), as SQLite does, whatever the cluster's locale.
/// </summary>
/// <remarks>
/// Plain SQL over Npgsql rather than Dapper or EF Core: the stores' SQL is shared with SQLite and hand-written
/// for its locking and upserts, and the few rows each statement reads are mapped in a line; an ORM would add a
/// model and a migration system of its own to keep in step with the SQLite schema.
/// </remarks>
internal sealed class PostgresStoreDatabase(string connectionString) : StoreDatabase, IAsyncDisposable
{
    // Keys of the advisory locks, fixed so that every replica takes the same ones ("SCIS" + 1 and + 2).
    private const long WriteLock = 0x53434953_0001;
    private const long MigrationLock = 0x53434953_0002;

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public override string Engine => "postgres";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _source.OpenConnectionAsync(cancellationToken);

    public override async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        LockedAsync(connection, WriteLock, cancellationToken);

    protected override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        LockedAsync(connection, MigrationLock, cancellationToken);

    private static async Task<DbTransaction> LockedAsync(DbConnection connection, long key, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            // Held until the transaction ends, committed or rolled back; a replica that dies lets go with its session.
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", transaction, cancellationToken, ("@key", key));
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public override bool ReadsAreRoundTrips => true;

    public override bool IsUnavailable(Exception exception) => exception switch
    {
        // Connection failures, too many connections, shutdowns, timeouts: Npgsql marks them transient.
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: var state } => state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal),
        _ => false,
    };

    public override IReadOnlyList<Migration> Migrations { get; } =
    [
        Migration.Script(1, "resources, links, models, benchmarks, model files, operations, instances, revisions", """
            CREATE TABLE resources (
                name TEXT COLLATE "C" PRIMARY KEY,
                tier TEXT NOT NULL,
                description TEXT
            );
            CREATE TABLE links (
                network TEXT COLLATE "C" NOT NULL,
                source TEXT COLLATE "C" NOT NULL REFERENCES resources(name) ON DELETE CASCADE,
                destination TEXT COLLATE "C" NOT NULL REFERENCES resources(name) ON DELETE CASCADE,
                latency_ms DOUBLE PRECISION NOT NULL,
                bandwidth_mbps DOUBLE PRECISION NOT NULL,
                measurement TEXT,
                PRIMARY KEY (network, source, destination)
            );
            CREATE INDEX links_by_destination ON links(destination);
            CREATE INDEX links_by_source ON links(source);
            CREATE TABLE models (
                key TEXT COLLATE "C" PRIMARY KEY,
                name TEXT NOT NULL,
                description TEXT,
                layout TEXT,
                updated_at TEXT NOT NULL,
                graph TEXT,
                file_bytes BIGINT,
                sha256 TEXT
            );
            CREATE TABLE benchmarks (
                model_key TEXT COLLATE "C" NOT NULL REFERENCES models(key) ON DELETE CASCADE,
                resource TEXT COLLATE "C" NOT NULL REFERENCES resources(name) ON DELETE CASCADE,
                blocks TEXT NOT NULL,
                provenance TEXT NOT NULL,
                stored_at TEXT NOT NULL,
                PRIMARY KEY (model_key, resource)
            );
            CREATE INDEX benchmarks_by_resource ON benchmarks(resource);
            CREATE TABLE model_files (
                model_key TEXT COLLATE "C" PRIMARY KEY REFERENCES models(key) ON DELETE CASCADE,
                content BYTEA NOT NULL
            );
            CREATE TABLE operations (
                id TEXT PRIMARY KEY,
                state TEXT NOT NULL,
                owner TEXT NOT NULL,
                status TEXT NOT NULL
            );
            CREATE TABLE instances (
                id TEXT PRIMARY KEY,
                seen_at TEXT COLLATE "C" NOT NULL
            );
            CREATE TABLE revisions (
                scope TEXT COLLATE "C" PRIMARY KEY,
                value BIGINT NOT NULL
            );
            """),
        Migration.Script(2, "versions (ETags) on resources, links, models and benchmarks; a store-wide write clock", """
            ALTER TABLE resources ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE links ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE models ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE benchmarks ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
            INSERT INTO revisions (scope, value) SELECT 'store', COALESCE(MAX(value), 0) FROM revisions ON CONFLICT (scope) DO NOTHING;
            """),
        Migration.Script(3, "power figures on resources, for device energy", """
            ALTER TABLE resources ADD COLUMN compute_watts DOUBLE PRECISION;
            ALTER TABLE resources ADD COLUMN transmit_watts DOUBLE PRECISION;
            ALTER TABLE resources ADD COLUMN idle_watts DOUBLE PRECISION;
            """),
        Migration.Script(4, "a random identity for the store, so a cache shared between stores never mixes their revisions", """
            INSERT INTO revisions (scope, value) VALUES ('identity', floor(random() * 9007199254740991)::bigint + 1) ON CONFLICT (scope) DO NOTHING;
            """),
    ];

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
