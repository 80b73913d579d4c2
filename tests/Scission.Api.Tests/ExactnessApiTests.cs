using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>
/// The search's floating-point edge cases through both partition routes: a device <c>d</c> and a cloud <c>c</c>
/// joined by a link that costs nothing (nothing is sent), one block per layer.
/// </summary>
public sealed class ExactnessApiTests : ApiTest
{
    private const string DeviceThenCloud = """[{"tier": "device"}, {"tier": "cloud"}]""";

    protected override async Task SeedAsync() => await SeedAsync(Client);

    [Fact]
    public async Task TopOneIsTheFirstOfTopTwoWhenLatenciesDifferByAnUlp()
    {
        var one = await SearchAsync("nearTie", 1, DeviceThenCloud);
        var two = await SearchAsync("nearTie", 2, DeviceThenCloud);

        Assert.Equal("Device(d) = -1 - -1, Cloud(c) = 0 - 2", one[0]!["config"]!.GetValue<string>());
        Assert.Equal(0.8999999999999999, one[0]!["latencySeconds"]!.GetValue<double>());
        Assert.Equal(one[0]!.ToJsonString(), two[0]!.ToJsonString());
        Assert.Equal(0.9000000000000001, two[1]!["latencySeconds"]!.GetValue<double>());
    }

    [Fact]
    public async Task AStageAtExactlyItsPercentageLimitIsKeptOnBothRoutes()
    {
        var searched = await SearchAsync("atSeventy", 1, """[{"tier": "device"}, {"tier": "cloud", "constraints": {"maxComputePercent": 70}}]""");
        var criteria = (await (await Client.GetAsync("/v1/models/atSeventy/partitions?cloudTime=70%25&inputMB=0&top=1")).ReadJsonAsync())["results"]!.AsArray();

        foreach (var results in new[] { searched, criteria })
        {
            Assert.StartsWith("Device(d) = 0 - 0", results[0]!["config"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.EndsWith("Cloud(c) = 1 - 1", results[0]!["config"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(5.625, results[0]!["latencySeconds"]!.GetValue<double>());
        }
    }

    [Fact]
    public async Task ASecondsLimitEqualToTheStagesOwnSumIsKeptAfterAHugeBlock()
    {
        var searched = await SearchAsync("afterHuge", 1, """[{"tier": "device"}, {"tier": "cloud", "constraints": {"maxComputeSeconds": 0.2}}]""");
        var criteria = (await (await Client.GetAsync("/v1/models/afterHuge/partitions?cloudTime=0.2&inputMB=0&top=1")).ReadJsonAsync())["results"]!.AsArray();

        foreach (var results in new[] { searched, criteria })
        {
            Assert.EndsWith("Cloud(c) = 1 - 2", results[0]!["config"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(0.01 + 0.1 + 0.1, results[0]!["latencySeconds"]!.GetValue<double>());
        }
    }

    [Fact]
    public async Task ASearchOverItsMemoryBudgetAnswersTheBestPlansProvenSoFarAndSaysSo()
    {
        const string stages = """[{"tier": "device"}, {"tier": "edge"}, {"tier": "cloud"}]""";
        using var small = new ScissionApiFactory(settings: new Dictionary<string, string> { ["Search:MemoryBudgetBytes"] = "1048576" });
        var client = small.CreateClient();
        await SeedAsync(client);

        var full = await (await Client.PostAsync("/v1/models/long/partitions/search", HttpJson.Json($$"""{"top": 1000, "inputBytes": 0, "stages": {{stages}}}"""))).ReadJsonAsync();
        var cut = await (await client.PostAsync("/v1/models/long/partitions/search", HttpJson.Json($$"""{"top": 1000, "inputBytes": 0, "stages": {{stages}}}"""))).ReadJsonAsync();

        Assert.True(full["complete"]!.GetValue<bool>());
        Assert.Null(full["cutShortReason"]);
        Assert.Equal(1000, full["results"]!.AsArray().Count);
        Assert.False(cut["complete"]!.GetValue<bool>());
        Assert.Contains("memory budget", cut["cutShortReason"]!.GetValue<string>(), StringComparison.Ordinal);
        var partial = cut["results"]!.AsArray();
        Assert.InRange(partial.Count, 1, 999);
        Assert.Equal(full["results"]!.AsArray().Take(partial.Count).Select(r => r!.ToJsonString()), partial.Select(r => r!.ToJsonString()));
    }

    [Fact]
    public async Task ASearchOutOfTimeAnswersWhatItProvedAndIsNeverCached()
    {
        using var hurried = new ScissionApiFactory(settings: new Dictionary<string, string> { ["Search:TimeBudget"] = "00:00:00.0000001" });
        var client = hurried.CreateClient();
        await SeedAsync(client);
        var body = HttpJson.Json("""{"top": 1000, "inputBytes": 0, "stages": [{"tier": "device"}, {"tier": "edge"}, {"tier": "cloud"}]}""");

        var first = await client.PostAsync("/v1/models/long/partitions/search", body);
        var second = await client.PostAsync("/v1/models/long/partitions/search", body);

        var answer = await first.ReadJsonAsync();
        Assert.False(answer["complete"]!.GetValue<bool>());
        Assert.Contains("time budget", answer["cutShortReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(new[] { first, second }, r => Assert.Equal("Scission; fwd=miss", r.Headers.GetValues("Cache-Status").Single()));
    }

    [Fact]
    public async Task AnAnswerLargerThanTheCacheTakesIsComputedEachTimeAndSaysSo()
    {
        using var small = new ScissionApiFactory(settings: new Dictionary<string, string> { ["Cache:MaxEntryBytes"] = "65536" });
        var client = small.CreateClient();
        await SeedAsync(client);
        string Body(int top) => $$"""{"top": {{top}}, "inputBytes": 0, "stages": [{"tier": "device"}, {"tier": "edge"}, {"tier": "cloud"}]}""";

        var large = new[] { await client.PostAsync("/v1/models/long/partitions/search", HttpJson.Json(Body(1000))), await client.PostAsync("/v1/models/long/partitions/search", HttpJson.Json(Body(1000))) };
        var smallAnswers = new[] { await client.PostAsync("/v1/models/long/partitions/search", HttpJson.Json(Body(1))), await client.PostAsync("/v1/models/long/partitions/search", HttpJson.Json(Body(1))) };

        Assert.True((await large[0].Content.ReadAsByteArrayAsync()).Length > 65536);
        Assert.All(large, r => Assert.Equal("Scission; fwd=miss", r.Headers.GetValues("Cache-Status").Single()));
        Assert.Equal("Scission; fwd=miss; stored", smallAnswers[0].Headers.GetValues("Cache-Status").Single());
        Assert.Equal("Scission; hit; detail=memory", smallAnswers[1].Headers.GetValues("Cache-Status").Single());
    }

    [Fact]
    public async Task SearchesOverTheConcurrencyCapAreTurnedAwayWithRetryAfter()
    {
        using var narrow = new ScissionApiFactory(settings: new Dictionary<string, string> { ["Search:MaxConcurrent"] = "1", ["Search:QueueTimeout"] = "00:00:00" });
        var client = narrow.CreateClient();
        await SeedAsync(client);

        // Distinct queries (no coalescing), each slow enough that they overlap.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(k => client.PostAsync(
            "/v1/models/long/partitions/search",
            HttpJson.Json($$"""{"top": {{995 + k}}, "inputBytes": 0, "stages": [{"tier": "device"}, {"tier": "edge"}, {"tier": "cloud"}]}"""))));

        Assert.Contains(answers, a => a.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable);
        foreach (var busy in answers.Where(a => a.StatusCode != System.Net.HttpStatusCode.OK))
        {
            await busy.AssertProblemAsync(System.Net.HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
        }
    }

    private static async Task SeedAsync(HttpClient client)
    {
        foreach (var (name, tier) in new[] { ("d", "device"), ("e", "edge"), ("c", "cloud") })
        {
            (await client.PutJsonAsync($"/v1/resources/{name}", new { tier })).EnsureSuccessStatusCode();
        }

        await TinyCatalog.LinkAsync(client, "default", "d", "c", 0, 1);
        await TinyCatalog.LinkAsync(client, "default", "d", "e", 0, 1);
        await TinyCatalog.LinkAsync(client, "default", "e", "c", 0, 1);
        await ModelAsync(client, "nearTie", ("d", [0.3, 0.7, 0.2]), ("c", [0.3, 0.4, 0.2]));
        await ModelAsync(client, "atSeventy", ("d", [1.6875, 100]), ("c", [100, 3.9375]));
        await ModelAsync(client, "afterHuge", ("d", [0.01, 10, 10]), ("c", [1e9, 0.1, 0.1]));
        var random = new Random(5);
        double[] Long() => [.. Enumerable.Range(0, 60).Select(_ => random.Next(1, 1000) / 1000.0)];
        await ModelAsync(client, "long", ("d", Long()), ("e", Long()), ("c", Long()));
    }

    private static async Task ModelAsync(HttpClient client, string model, params (string Resource, double[] Seconds)[] benchmarks)
    {
        (await client.PutJsonAsync($"/v1/models/{model}", new { })).EnsureSuccessStatusCode();
        foreach (var (resource, seconds) in benchmarks)
        {
            var blocks = seconds.Select((latencySeconds, b) => new { firstLayer = b, lastLayer = b, latencySeconds, outputBytes = 0 });
            (await client.PutJsonAsync($"/v1/models/{model}/benchmarks/{resource}", new { blocks })).EnsureSuccessStatusCode();
        }
    }

    private async Task<System.Text.Json.Nodes.JsonArray> SearchAsync(string model, int top, string stages)
    {
        var response = await Client.PostAsync($"/v1/models/{model}/partitions/search", HttpJson.Json($$"""{"top": {{top}}, "inputBytes": 0, "stages": {{stages}}}"""));
        return (await response.ReadJsonAsync())["results"]!.AsArray();
    }
}
