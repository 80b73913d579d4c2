using Microsoft.Data.Sqlite;

namespace Scission.Infrastructure.Storage;

/// <summary>Small helpers that keep the stores' SQL readable.</summary>
internal static class SqlCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>An immediate transaction: it takes the write lock up front, so concurrent writers queue instead of failing to upgrade.</summary>
    public static SqliteTransaction BeginWrite(this SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    public static async Task<int> ExecuteAsync(this SqliteConnection connection, string sql, SqliteTransaction? transaction, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(this SqliteConnection connection, string sql, SqliteTransaction? transaction, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Raises a revision in the caller's transaction, so readers never see data and revision apart.</summary>
    public static Task<int> BumpRevisionAsync(this SqliteConnection connection, string scope, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            "INSERT INTO revisions (scope, value) VALUES ($scope, 1) ON CONFLICT(scope) DO UPDATE SET value = value + 1",
            transaction,
            cancellationToken,
            ("$scope", scope));

    public static string ModelScope(string modelKey) => "model:" + modelKey;

    public static string NetworkScope(string network) => "network:" + network;

    public const string ResourcesScope = "resources";

    /// <summary>Model names match ignoring case; they are stored under this key.</summary>
    public static string ModelKey(string model) => model.ToLowerInvariant();
}
