using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Scission.Api.Tests.Support;

/// <summary>The service in-process over its own SQLite file, deleted when the factory is disposed.</summary>
public sealed class ScissionApiFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public ScissionApiFactory(string? databasePath = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"scission-test-{Guid.NewGuid():N}.db");
        OwnsDatabase = databasePath is null;
        _settings = settings ?? new Dictionary<string, string>();
    }

    /// <summary>A host using <paramref name="redis"/> under a key prefix of its own test.</summary>
    public static ScissionApiFactory WithRedis(string redis, string prefix, string? databasePath = null) => new(databasePath, new Dictionary<string, string>
    {
        ["ConnectionStrings:Redis"] = redis,
        ["Cache:RedisInstanceName"] = prefix,
    });

    public string DatabasePath { get; }

    private bool OwnsDatabase { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Scission", $"Data Source={DatabasePath}");
        builder.UseEnvironment("Testing");
        // Tests drive the service far harder than any client; the rate-limit test turns limiting back on.
        builder.UseSetting("RateLimiting:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsDatabase)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
