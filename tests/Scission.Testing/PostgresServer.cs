using Npgsql;
using Xunit;

namespace Scission.Testing;

/// <summary>
/// The PostgreSQL server CI started (SCISSION_POSTGRES: a connection string to its maintenance database). Each test
/// gets a database of its own, created empty and dropped afterwards, so tests running in parallel never meet.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "SCISSION_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string MissingReason => $"{Variable} is not set to a running PostgreSQL server";

    /// <summary>A new, empty database on the server.</summary>
    public static async Task<TemporaryDatabase> CreateDatabaseAsync()
    {
        var admin = ConnectionString ?? throw new InvalidOperationException(MissingReason);
        var name = $"scission_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TemporaryDatabase(admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }
}

/// <summary>A database that is dropped, with every connection still open to it, when disposed.</summary>
public sealed class TemporaryDatabase(string admin, string name, string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that needs the PostgreSQL server CI started; reported as skipped where it is not given.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.ConnectionString is null)
        {
            Skip = PostgresServer.MissingReason;
        }
    }
}
