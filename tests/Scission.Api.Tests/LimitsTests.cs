using System.Net;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>Rate limits per API key, else per client address, and the headers every answer carries.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task AClientOverItsBudgetGetsA429WithRetryAfterAndHealthIsNeverLimited()
    {
        using var factory = Limited();
        var client = factory.CreateClient();

        // One token a second: ten requests in a row outrun the bucket of three however slow the machine.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await client.GetAsync("/v1/resources"));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var refused = answers.First(a => a.StatusCode != HttpStatusCode.OK);
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.Headers.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task EachApiKeyHasABudgetOfItsOwn()
    {
        using var factory = Limited(("Auth:ApiKeys:a", "key-a"), ("Auth:ApiKeys:b", "key-b"));
        var a = factory.CreateClient();
        a.DefaultRequestHeaders.Add("X-Api-Key", "key-a");
        var b = factory.CreateClient();
        b.DefaultRequestHeaders.Add("X-Api-Key", "key-b");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            codes.Add((await a.GetAsync("/v1/resources")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/v1/resources")).StatusCode);
    }

    [Fact]
    public async Task AnswersAreNeverSniffedAndNoOriginIsAllowedUnlessConfigured()
    {
        using var factory = new ScissionApiFactory();
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/resources");
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await client.SendAsync(request);
        var problem = await client.GetAsync("/v1/resources/nobody");

        var tooLarge = await client.PutAsync("/v1/resources/x", HttpJson.Json("{\"tier\": \"edge\", \"description\": \"" + new string('x', 40_000_000) + "\"}"));

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        foreach (var answer in new[] { response, problem, tooLarge })
        {
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
        }
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task BodiesOverTheirLimitsAre413ProblemsAndStoreNothing()
    {
        using var factory = new ScissionApiFactory(settings: new Dictionary<string, string>
        {
            ["Limits:MaxJsonBodyBytes"] = "2048",
            ["Limits:MaxCsvBytes"] = "2048",
            ["Limits:MaxCsvRows"] = "3",
        });
        var client = factory.CreateClient();
        (await client.PutJsonAsync("/v1/resources/a", new { tier = "device" })).EnsureSuccessStatusCode();
        (await client.PutJsonAsync("/v1/resources/b", new { tier = "cloud" })).EnsureSuccessStatusCode();
        var description = new string('x', 4000);

        var announced = await client.PutAsync("/v1/resources/c", HttpJson.Json($$"""{"tier": "edge", "description": "{{description}}"}"""));
        using var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{"tier": "edge", "description": "{{description}}"}""")));
        chunked.Headers.ContentType = new("application/json");
        var streamed = await client.PutAsync("/v1/resources/d", chunked);
        var csv = await client.PostAsync("/v1/networks/default/links/import", new StringContent("source,destination,ping(ms),bandwidth(mbps)\n" + string.Concat(Enumerable.Repeat("a,b,1,1\n", 400)), System.Text.Encoding.UTF8, "text/csv"));
        var rows = await client.PostAsync("/v1/networks/default/links/import", new StringContent("source,destination,ping(ms),bandwidth(mbps)\na,b,1,1\nb,a,1,1\na,c,1,1\nc,a,1,1\n", System.Text.Encoding.UTF8, "text/csv"));

        await announced.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await streamed.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await csv.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("at most 3 links", await rows.AssertFieldErrorAsync("body"), StringComparison.Ordinal);
        Assert.Equal(["a", "b"], (await (await client.GetAsync("/v1/resources")).ReadJsonAsync()).AsArray().Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/networks/default/links")).StatusCode);
    }

    [Fact]
    public async Task QueryAndBenchmarkLimitsAreConfigurable()
    {
        using var factory = new ScissionApiFactory(settings: new Dictionary<string, string>
        {
            ["Limits:MaxTop"] = "5",
            ["Limits:MaxStages"] = "2",
            ["Limits:MaxCandidatesPerStage"] = "1",
            ["Limits:MaxBlocks"] = "4",
        });
        var client = factory.CreateClient();
        await TinyCatalog.SeedAsync(client);

        Assert.Contains("between 1 and 5", await (await client.GetAsync("/v1/models/tiny/partitions?top=6")).AssertFieldErrorAsync("top"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/models/tiny/partitions?top=5")).StatusCode);
        await (await client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"stages": [{"tier": "device"}, {"tier": "edge"}, {"tier": "cloud"}]}"""))).AssertFieldErrorAsync("stages");
        await (await client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"stages": [{"tier": "device", "resources": ["pi", "box"]}]}"""))).AssertFieldErrorAsync("stages[0].resources");
        var blocks = Enumerable.Range(0, 5).Select(b => new { firstLayer = b, lastLayer = b, latencySeconds = 1, outputBytes = 1 });
        Assert.Contains("at most 4 blocks", await (await client.PutJsonAsync("/v1/models/other/benchmarks/pi", new { blocks })).AssertFieldErrorAsync("blocks"), StringComparison.Ordinal);
    }

    private static ScissionApiFactory Limited(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = "3",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return new ScissionApiFactory(settings: settings);
    }
}
