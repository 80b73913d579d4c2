using Microsoft.Data.Sqlite;

namespace Scission.Infrastructure.Storage;

/// <summary>Opens connections to the embedded database and creates its schema.</summary>
internal sealed class SqliteDatabase
{
    private const string Schema = """
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

    private readonly string _connectionString;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            ForeignKeys = true,
            // Concurrent writers from several requests wait for the lock instead of failing at once.
            DefaultTimeout = 30,
        };
        _connectionString = builder.ToString();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Columns added after a table's first release, added to databases that predate them.</summary>
    private static void AddMissingColumns(SqliteConnection connection, string table, params (string Name, string Type)[] columns)
    {
        using var info = connection.CreateCommand();
        info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = info.ExecuteReader())
        {
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var (name, type) in columns.Where(c => !existing.Contains(c.Name)))
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {name} {type}";
            alter.ExecuteNonQuery();
        }
    }

    public void EnsureSchema()
    {
        using var connection = OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        // WAL lets queries read a consistent snapshot while a write is in progress.
        command.CommandText = "PRAGMA journal_mode = WAL;" + Schema;
        command.ExecuteNonQuery();
        AddMissingColumns(connection, "models", ("graph", "TEXT"), ("file_bytes", "INTEGER"), ("sha256", "TEXT"));
        AddMissingColumns(connection, "links", ("measurement", "TEXT"));
    }
}
