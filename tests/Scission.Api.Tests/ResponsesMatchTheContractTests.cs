using System.Net.Http.Json;
using Scission.Api.Tests.Onnx;
using Scission.Api.Tests.Support;
using Scission.Testing;

namespace Scission.Api.Tests;

/// <summary>
/// A tour of every operation of the committed contract, answers and refusals alike, each real response checked
/// against the document: a status it lists, a media type it lists, a body that fits the schema (required fields
/// present, no null it does not allow, no field it does not declare, every value of its type).
/// </summary>
public sealed class ResponsesMatchTheContractTests : IDisposable
{
    private const string Key = "tour-key";
    private readonly ScissionApiFactory _factory = new(settings: new Dictionary<string, string> { ["Auth:ApiKey"] = Key });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EveryOperationAnswersAsTheContractSays()
    {
        var recorder = new RecordingHandler(_factory.Server.CreateHandler());
        using var client = new HttpClient(recorder) { BaseAddress = _factory.Server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        await TourAsync(client);

        var exchanges = recorder.Exchanges;
        Assert.All(exchanges, e => Assert.Empty(ContractConformance.ResponseProblems(e.Method, e.Path, e.Status, e.MediaType, e.ResponseBody)));
        var visited = exchanges.Select(e => ContractConformance.OperationOf(e.Method, e.Path)).ToHashSet();
        Assert.DoesNotContain(ContractConformance.Operations(), o => !visited.Contains(o));
        // Refusals are part of the contract too: each kind came back at least once.
        Assert.Subset(exchanges.Select(e => e.Status).ToHashSet(), new HashSet<int> { 200, 201, 202, 204, 400, 401, 404, 409, 412, 415 });
    }

    [Fact]
    public void TheCheckRefusesWhatTheContractDoesNotSay()
    {
        const string ok = """{"name": "pi", "tier": "device", "description": null}""";
        Assert.Empty(ContractConformance.ResponseProblems("GET", "/v1/resources/pi", 200, "application/json", ok));
        Assert.NotEmpty(ContractConformance.ResponseProblems("GET", "/v1/resources/pi", 200, "application/json", """{"name": "pi", "tier": "device"}"""));
        Assert.NotEmpty(ContractConformance.ResponseProblems("GET", "/v1/resources/pi", 200, "application/json", """{"name": null, "tier": "device", "description": null}"""));
        Assert.NotEmpty(ContractConformance.ResponseProblems("GET", "/v1/resources/pi", 200, "application/json", """{"name": "pi", "tier": 1, "description": null}"""));
        Assert.NotEmpty(ContractConformance.ResponseProblems("GET", "/v1/resources/pi", 200, "application/json", """{"name": "pi", "tier": "device", "description": null, "colour": "red"}"""));
        Assert.NotEmpty(ContractConformance.ResponseProblems("GET", "/v1/resources/pi", 418, "application/json", ok));
        Assert.NotEmpty(ContractConformance.ResponseProblems("GET", "/v1/resources/pi", 200, "text/html", "<p>"));
    }

    private static async Task TourAsync(HttpClient client)
    {
        await client.GetAsync("/health/live");
        await client.GetAsync("/health/ready");

        // Machines, with refusals.
        foreach (var (name, tier) in new[] { ("pi", "device"), ("box", "edge"), ("gpu", "cloud"), ("self", "edge") })
        {
            (await client.PutJsonAsync($"/v1/resources/{name}", new { tier })).EnsureSuccessStatusCode();
        }

        await client.PutJsonAsync("/v1/resources/pi", new { tier = "device", description = "Raspberry Pi 4" });
        await client.PutJsonAsync("/v1/resources/bad", new { tier = "moon" });
        await client.GetAsync("/v1/resources");
        var pi = await client.GetAsync("/v1/resources/pi");
        await client.GetAsync("/v1/resources/nobody");
        using (var anonymous = new HttpRequestMessage(HttpMethod.Put, "/v1/resources/x") { Content = JsonContent.Create(new { tier = "edge" }) })
        {
            anonymous.Headers.TryAddWithoutValidation("X-Api-Key", "wrong");
            await client.SendAsync(anonymous);
        }

        await client.SendIfMatchAsync(HttpMethod.Put, "/v1/resources/pi", "\"1\"", new { tier = "device" });
        await client.SendIfMatchAsync(HttpMethod.Put, "/v1/resources/pi", pi.Headers.ETag!.ToString(), new { tier = "device", description = "Pi" });

        // Networks.
        await TinyCatalog.LinkAsync(client, "default", "pi", "box", 10, 8);
        await TinyCatalog.LinkAsync(client, "default", "pi", "gpu", 50, 8);
        await TinyCatalog.LinkAsync(client, "default", "box", "gpu", 5, 80);
        await client.PutJsonAsync("/v1/networks/default/links/pi/box", new { latencyMs = 12, bandwidthMbps = 9, measurement = new { method = "http-upload", rttMs = 12.0, bandwidthMbps = 9.0, measuredAt = DateTimeOffset.UnixEpoch } });
        await client.PutJsonAsync("/v1/networks/default/links/pi/mars", new { latencyMs = 1, bandwidthMbps = 1 });
        await client.PostAsync("/v1/networks/lte/links/import", new StringContent("source,destination,ping(ms),bandwidth(mbps)\npi,box,40,5\n", System.Text.Encoding.UTF8, "text/csv"));
        await client.PostAsync("/v1/networks/lte/links/import", HttpJson.Json("{}"));
        await client.GetAsync("/v1/networks");
        await client.GetAsync("/v1/networks/default/links");
        await client.GetAsync("/v1/networks/default/links/pi/box");
        await client.GetAsync("/v1/networks/nowhere/links");
        await client.DeleteAsync("/v1/networks/lte/links/pi/box");
        await client.DeleteAsync("/v1/networks/lte");

        // Models and benchmarks.
        await client.PutJsonAsync("/v1/models/tiny", new { description = "four blocks" });
        await client.GetAsync("/v1/models/tiny");
        foreach (var (resource, seconds) in new[] { ("pi", 1.0), ("box", 0.25) })
        {
            await TinyCatalog.BenchmarkAsync(client, resource, seconds);
        }

        await client.PostAsJsonAsync("/v1/models/tiny/benchmarks", new { resource = "gpu", blocks = Blocks(4, 0.0625), provenance = new { repeats = 5 } });
        await client.PostAsJsonAsync("/v1/models/tiny/benchmarks", new { resource = "gpu", blocks = Blocks(3, 0.0625) });
        await client.PostAsJsonAsync("/v1/benchmarks", new object[] { new { model = "tiny", resource = "self", blocks = Blocks(4, 0.5) } });
        await client.PostAsJsonAsync("/v1/benchmarks", new object[] { new { model = "tiny", resource = "mars", blocks = Blocks(4, 0.5) } });
        await client.GetAsync("/v1/models");
        await client.GetAsync("/v1/models/tiny/benchmarks");
        await client.GetAsync("/v1/models/tiny/benchmarks/pi");
        await client.DeleteAsync("/v1/models/tiny/benchmarks/self");

        // Partitions.
        await client.GetAsync("/v1/models/tiny/partitions?top=3&device=!-1&cloudTime=50%25");
        await client.GetAsync("/v1/models/tiny/partitions?top=0");
        await client.PostAsJsonAsync("/v1/models/tiny/partitions/search", new { top = 2, stages = new object[] { new { tier = "device" }, new { tier = "edge" }, new { tier = "cloud" } } });
        await client.GetAsync("/v1/models/nope/partitions");
        await client.GetAsync("/v1/models/tiny/charts/profile.svg");
        await client.GetAsync("/v1/models/tiny/charts/profile.svg?resources=moon");
        await client.GetAsync("/v1/models/nope/charts/profile.svg");
        await client.GetAsync("/v1/models/tiny/charts/plan.svg?rank=2");
        await client.GetAsync("/v1/models/tiny/charts/plan.svg?rank=0");
        await client.GetAsync("/v1/models/tiny/charts/bandwidth.svg?source=pi&destination=gpu&fromMbps=1&toMbps=100");
        await client.GetAsync("/v1/models/tiny/charts/bandwidth.svg?source=pi&destination=gpu&fromMbps=100&toMbps=1");

        // An ONNX model: upload, file, segment, a run on the service's machine.
        var toy = OnnxModelBuilder.Topologies().Single(t => t.Name == "densenet-concat").Model;
        await client.PutAsync("/v1/models/toy/file", OnnxModelsApiTests.Onnx(toy));
        await client.PutAsync("/v1/models/toy/file", HttpJson.Json("{}"));
        await client.GetAsync("/v1/models/toy");
        await client.GetAsync("/v1/models/toy/file");
        await client.GetAsync("/v1/models/toy/segments/0-6");
        await client.GetAsync("/v1/models/toy/segments/0-3");
        var run = await client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "self", "repeats": 1, "warmup": 0}"""));
        await OperationPolling.FinishedAsync(client, run.Headers.Location!.OriginalString, TimeSpan.FromSeconds(60));
        await client.GetAsync("/v1/operations/unknown");

        // Deletes last.
        await client.DeleteAsync("/v1/resources/box");
        await client.DeleteAsync("/v1/models/toy");
        await client.DeleteAsync("/v1/resources/box?force=true");
    }

    private static object[] Blocks(int count, double seconds) =>
        [.. Enumerable.Range(0, count).Select(i => new { firstLayer = i, lastLayer = i, latencySeconds = seconds, outputBytes = 1_000_000 >> i })];
}
