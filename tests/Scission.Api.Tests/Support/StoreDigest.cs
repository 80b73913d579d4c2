using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Scission.Api.Tests.Support;

/// <summary>
/// A digest of everything a request can change in a test's SQLite store (not operations and heartbeats, which
/// background work updates), read straight from the file.
/// </summary>
internal static class StoreDigest
{
    private static readonly string[] Tables = ["resources", "links", "models", "benchmarks", "model_files", "revisions"];

    public static string Of(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in Tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    var value = reader.GetValue(c);
                    hash.AppendData(value is byte[] bytes ? bytes : Encoding.UTF8.GetBytes($"{value}\u001f"));
                }

                hash.AppendData("\u001e"u8);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
