using System.Net;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>Settings the service cannot run with stop it at start-up with one line naming them, never a stack trace.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scission-refusal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("Auth:RequireKey", "true", "no API key is configured")]
    [InlineData("Auth:ApiKey", " padded ", "whitespace")]
    [InlineData("Limits:MaxTop", "abc", "Limits:MaxTop")]
    [InlineData("Cache:MemoryLimitBytes", "-1", "Cache:MemoryLimitBytes")]
    [InlineData("Cache:RedisTimeoutMilliseconds", "0", "Cache:RedisTimeoutMilliseconds")]
    [InlineData("ConnectionStrings:Redis", "127.0.0.1:1,bogusoption=1", "ConnectionStrings:Redis")]
    public async Task ASettingTheServiceCannotRunWithIsNamedInOneLine(string setting, string value, string named)
    {
        var (code, output, errors) = await ServiceProcess.RefusedAsync(Path.Combine(_directory, "s.db"), new Dictionary<string, string> { [setting] = value });

        Assert.Equal(2, code);
        Assert.StartsWith("Scission cannot start: ", errors, StringComparison.Ordinal);
        Assert.Contains(named, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACsvLimitAboveTheServersDefaultIsHonoured()
    {
        // Kestrel refuses bodies over 30,000,000 bytes unless a route raises its own limit.
        using var service = await ServiceProcess.StartAsync(Path.Combine(_directory, "csv.db"), new Dictionary<string, string> { ["Limits:MaxCsvBytes"] = "67108864" });
        using var client = service.Client();
        foreach (var (name, tier) in new[] { ("a", "device"), ("b", "edge") })
        {
            (await client.PutJsonAsync($"/v1/resources/{name}", new { tier })).EnsureSuccessStatusCode();
        }

        // One link whose ping is padded to 31 MB: numbers may be padded, as the original tool's files are.
        var csv = "source,destination,ping(ms),bandwidth(mbps)\na,b," + new string(' ', 31_000_000) + "5,10\n";
        var imported = await client.PostAsync("/v1/networks/default/links/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/networks/default/links/a/b")).StatusCode);
    }
}
