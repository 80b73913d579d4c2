using System.Data.Common;
using System.Globalization;

namespace Scission.Infrastructure.Storage;

/// <summary>Small helpers that keep the stores' SQL readable, on any ADO.NET provider.</summary>
internal static class Sql
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>A single value, or <c>null</c> when no row came back.</summary>
    public static async Task<long?> LongOrNullAsync(this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;
    }

    public static long Int64(this DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static string? StringOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Instants are kept as round-trip UTC text, which sorts as the instants do on every engine.</summary>
    public static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static string ModelScope(string modelKey) => "model:" + modelKey;

    public static string NetworkScope(string network) => "network:" + network;

    public const string ResourcesScope = "resources";

    /// <summary>The store-wide write counter; every write takes its next value as the version it writes.</summary>
    public const string StoreClock = "store";

    /// <summary>Model names match ignoring case; they are stored under this key.</summary>
    public static string ModelKey(string model) => model.ToLowerInvariant();
}
