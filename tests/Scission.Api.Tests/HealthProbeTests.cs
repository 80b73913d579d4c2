using System.Diagnostics;
using Scission.Api.Tests.Support;
using Scission.Testing;

namespace Scission.Api.Tests;

/// <summary>The container's HEALTHCHECK command: the service binary asked to probe a service.</summary>
public sealed class HealthProbeTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scission-probe-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task TheProbeSucceedsOnALiveServiceAndFailsWhereNoneListens()
    {
        using (var service = await ServiceProcess.StartAsync(_database))
        {
            Assert.Equal(0, await ProbeAsync(new Uri(service.Url, "/health/live").ToString()));
        }

        Assert.Equal(1, await ProbeAsync($"http://127.0.0.1:{RedisServer.FreePort()}/health/live"));
    }

    private static async Task<int> ProbeAsync(string url)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        using var probe = Process.Start(new ProcessStartInfo(dotnet, [Path.Combine(AppContext.BaseDirectory, "Scission.Api.dll"), "healthcheck", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await probe.WaitForExitAsync(deadline.Token);
        return probe.ExitCode;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }
}
