using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Scission.Infrastructure.Storage;

/// <summary>
/// The embedded store: one SQLite file. WAL lets readers see a consistent snapshot while a write is in progress;
/// a write takes the file's write lock up front (BEGIN IMMEDIATE), and a connection that finds it busy retries
/// for up to <see cref="BusyTimeoutSeconds"/> (Microsoft.Data.Sqlite's busy handling follows the command
/// timeout) instead of failing at once. Connections come from the provider's pool, one per operation.
/// </summary>
internal sealed class SqliteStoreDatabase : StoreDatabase
{
    private const int BusyTimeoutSeconds = 30;

    private readonly string _connectionString;

    public SqliteStoreDatabase(string connectionString)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    public override string Engine => "sqlite";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginWriteAsync(connection, cancellationToken);

    protected override Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // The journal mode is the file's, kept across opens; it cannot change inside a transaction.
        connection.ExecuteAsync("PRAGMA journal_mode = WAL", null, cancellationToken);

    // SQLITE_BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN: the store, for now. (CORRUPT and NOTADB will not pass
    // by waiting: they stay faults for an operator.)
    private static readonly HashSet<int> UnavailableCodes = [5, 6, 8, 10, 13, 14];

    public override bool ReadsAreRoundTrips => false;

    public override bool IsUnavailable(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: var code } && UnavailableCodes.Contains(code);

    public override IReadOnlyList<Migration> Migrations { get; } =
    [
        // Files made before the migrations table existed already hold some of this: every statement is written to
        // be a no-op on them.
        new(1, "resources, links, models, benchmarks, model files, operations, instances, revisions", async (connection, transaction, cancellationToken) =>
        {
            await connection.ExecuteAsync(InitialSchema, transaction, cancellationToken);
            await AddMissingColumnsAsync(connection, transaction, "models", cancellationToken, ("graph", "TEXT"), ("file_bytes", "INTEGER"), ("sha256", "TEXT"));
            await AddMissingColumnsAsync(connection, transaction, "links", cancellationToken, ("measurement", "TEXT"));
        }),
        Migration.Script(2, "versions (ETags) on resources, links, models and benchmarks; a store-wide write clock", """
            ALTER TABLE resources ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE links ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE models ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE benchmarks ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            -- Revisions become values of the clock: it starts above every revision already handed out, so no cache
            -- key built before can come back with other data behind it.
            INSERT INTO revisions (scope, value) SELECT 'store', COALESCE(MAX(value), 0) FROM revisions WHERE true
                ON CONFLICT (scope) DO NOTHING;
            """),
        Migration.Script(3, "power figures on resources, for device energy", """
            ALTER TABLE resources ADD COLUMN compute_watts REAL;
            ALTER TABLE resources ADD COLUMN transmit_watts REAL;
            ALTER TABLE resources ADD COLUMN idle_watts REAL;
            """),
        Migration.Script(4, "a random identity for the store, so a cache shared between stores never mixes their revisions", """
            INSERT INTO revisions (scope, value) VALUES ('identity', (random() & 4611686018427387903) + 1) ON CONFLICT (scope) DO NOTHING;
            """),
    ];

    private const string InitialSchema = """
        CREATE TABLE IF NOT EXISTS resources (
            name TEXT PRIMARY KEY,
            tier TEXT NOT NULL,
            description TEXT
        );
        CREATE TABLE IF NOT EXISTS links (
            network TEXT NOT NULL,
            source TEXT NOT NULL REFERENCES resources(name) ON DELETE CASCADE,
            destination TEXT NOT NULL REFERENCES resources(name) ON DELETE CASCADE,
            latency_ms REAL NOT NULL,
            bandwidth_mbps REAL NOT NULL,
            PRIMARY KEY (network, source, destination)
        );
        CREATE INDEX IF NOT EXISTS links_by_destination ON links(destination);
        CREATE TABLE IF NOT EXISTS models (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            layout TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS benchmarks (
            model_key TEXT NOT NULL REFERENCES models(key) ON DELETE CASCADE,
            resource TEXT NOT NULL REFERENCES resources(name) ON DELETE CASCADE,
            blocks TEXT NOT NULL,
            provenance TEXT NOT NULL,
            stored_at TEXT NOT NULL,
            PRIMARY KEY (model_key, resource)
        );
        CREATE INDEX IF NOT EXISTS benchmarks_by_resource ON benchmarks(resource);
        CREATE TABLE IF NOT EXISTS model_files (
            model_key TEXT PRIMARY KEY REFERENCES models(key) ON DELETE CASCADE,
            content BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS operations (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            owner TEXT NOT NULL,
            status TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS instances (
            id TEXT PRIMARY KEY,
            seen_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS revisions (
            scope TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        """;

    /// <summary>Columns added after a table's first release, added to files that predate them.</summary>
    private static async Task AddMissingColumnsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken, params (string Name, string Type)[] columns)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var info = connection.Command($"SELECT name FROM pragma_table_info('{table}')", transaction))
        await using (var reader = await info.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var (name, type) in columns.Where(c => !existing.Contains(c.Name)))
        {
            await connection.ExecuteAsync($"ALTER TABLE {table} ADD COLUMN {name} {type}", transaction, cancellationToken);
        }
    }
}
