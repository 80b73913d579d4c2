using System.Net;
using Scission.Api.Tests.Support;
using Scission.Testing;

namespace Scission.Api.Tests;

/// <summary>
/// The service killed with SIGKILL mid-work and started again on the same store: every acknowledged write is
/// there, the store opens cleanly, an interrupted upload leaves the previous model intact, and an interrupted
/// benchmark run ends failed instead of running for ever.
/// </summary>
[Collection(nameof(Agent.TimingCollection))]
public sealed class CrashSafetyTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scission-crash-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task EveryAcknowledgedWriteSurvivesAKill()
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        using (var service = await ServiceProcess.StartAsync(_database))
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                using var client = service.Client();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"w{w}-{i}";
                    try
                    {
                        if ((await client.PutJsonAsync($"/v1/resources/{name}", new { tier = "edge" })).IsSuccessStatusCode)
                        {
                            acknowledged.Add(name);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToArray();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 200 && DateTime.UtcNow < deadline && !writers.All(w => w.IsCompleted))
            {
                await Task.Delay(20);
            }

            Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} writes were acknowledged before the kill");

            service.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        using var restarted = await ServiceProcess.StartAsync(_database);
        using var reader = restarted.Client();
        var stored = (await (await reader.GetAsync("/v1/resources")).ReadJsonAsync()).AsArray().Select(r => r!["name"]!.GetValue<string>()).ToHashSet();
        var lost = acknowledged.Where(name => !stored.Contains(name)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged writes were lost: {string.Join(", ", lost.Take(10))}");
    }

    [Fact]
    public async Task AnUploadCutOffByAKillLeavesThePreviousModelIntact()
    {
        var toy = OnnxModelBuilder.Topologies().Single(t => t.Name == "inception-branches").Model;
        var large = await File.ReadAllBytesAsync(RealModels.ResNet18);
        using (var service = await ServiceProcess.StartAsync(_database))
        {
            using var client = service.Client();
            (await client.PutAsync("/v1/models/m", Onnx(toy))).EnsureSuccessStatusCode();
            // A 63 MB upload, parsed and analysed on arrival: the kill lands while it is under way.
            var replacing = client.PutAsync("/v1/models/m", Onnx(large));
            await Task.Delay(300);
            service.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => replacing);
        }

        using var restarted = await ServiceProcess.StartAsync(_database);
        using var reader = restarted.Client();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/ready")).StatusCode);
        var file = await (await reader.GetAsync("/v1/models/m/file")).Content.ReadAsByteArrayAsync();
        Assert.True(file.AsSpan().SequenceEqual(toy) || file.AsSpan().SequenceEqual(large), "the stored file is neither the old model nor the new one");
        var model = await (await reader.GetAsync("/v1/models/m")).ReadJsonAsync();
        Assert.Equal(file.LongLength, model["onnx"]!["fileBytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task ARunCutOffByAKillEndsFailedOnceTheServiceIsBack()
    {
        var settings = new Dictionary<string, string> { ["Operations:StaleAfter"] = "00:00:03" };
        string location;
        using (var service = await ServiceProcess.StartAsync(_database, settings))
        {
            using var client = service.Client();
            (await client.PutJsonAsync("/v1/resources/self", new { tier = "edge" })).EnsureSuccessStatusCode();
            (await client.PutAsync("/v1/models/r", Onnx(await File.ReadAllBytesAsync(RealModels.ResNet18)))).EnsureSuccessStatusCode();
            var accepted = await client.PostAsync("/v1/models/r/benchmark-runs", HttpJson.Json("""{"resource": "self", "repeats": 1000}"""));
            location = accepted.Headers.Location!.OriginalString;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await (await client.GetAsync(location)).ReadJsonAsync())["status"]!.GetValue<string>() != "running" && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            service.Kill();
        }

        using var restarted = await ServiceProcess.StartAsync(_database, settings);
        var operation = await OperationPolling.FinishedAsync(restarted.Client(), location, TimeSpan.FromSeconds(30));
        Assert.Equal("failed", operation["status"]!.GetValue<string>());
        Assert.Contains("stopped before it finished", operation["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static ByteArrayContent Onnx(byte[] bytes) => new(bytes) { Headers = { ContentType = new("application/octet-stream") } };
}
