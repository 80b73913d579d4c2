using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Scission.Api.Tests.Support;

/// <summary>The service in-process over its own SQLite file, deleted when the factory is disposed.</summary>
public sealed class ScissionApiFactory : WebApplicationFactory<Program>
{
    public ScissionApiFactory(string? databasePath = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"scission-test-{Guid.NewGuid():N}.db");
        OwnsDatabase = databasePath is null;
    }

    public string DatabasePath { get; }

    private bool OwnsDatabase { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Scission", $"Data Source={DatabasePath}");
        builder.UseEnvironment("Testing");
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
