using System.Net;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>A store that cannot be opened: requests fail fast with 503 and Retry-After, and readiness says so.</summary>
public sealed class StoreUnavailableTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scission-store-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task AStoreThatIsGoneIsA503WithRetryAfterNotAFault()
    {
        // Heartbeats far apart, so none reopens the store between clearing the pool and removing the file.
        using var factory = new ScissionApiFactory(Path.Combine(_directory, "scission.db"), new Dictionary<string, string> { ["Operations:StaleAfter"] = "1.00:00:00" });
        var client = factory.CreateClient();
        (await client.PutJsonAsync("/v1/resources/pi", new { tier = "device" })).EnsureSuccessStatusCode();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        var started = DateTime.UtcNow;
        var read = await client.GetAsync("/v1/resources");
        var write = await client.PutJsonAsync("/v1/resources/box", new { tier = "edge" });
        var ready = await client.GetAsync("/health/ready");

        foreach (var response in new[] { read, write })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            Assert.Contains("store", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "an unavailable store must fail fast");
    }
}
