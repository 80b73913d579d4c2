using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>POST one benchmark to its model, or many at once, all or nothing.</summary>
public sealed class BenchmarkPostsApiTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await RegisterAsync(("pi", "device"), ("box", "edge"), ("gpu", "cloud"));
        foreach (var model in new[] { "vgg", "resnet" })
        {
            (await Client.PutJsonAsync($"/v1/models/{model}", new { })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task APostedBenchmarkIsCreatedWhereItsLocationSaysAndPostingAgainReplacesIt()
    {
        var created = await Client.PostAsJsonAsync("/v1/models/vgg/benchmarks", new { resource = "pi", blocks = Blocks(3, 0.5), provenance = new { repeats = 10, runtime = "onnxruntime 1.31.1" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/models/vgg/benchmarks/pi", created.Headers.Location!.OriginalString);
        var stored = await Client.GetAsync(created.Headers.Location);
        Assert.Equal(created.Headers.ETag, stored.Headers.ETag);
        var body = await stored.ReadJsonAsync();
        Assert.Equal(10, body["provenance"]!["repeats"]!.GetValue<int>());
        Assert.Equal(3, body["blocks"]!.AsArray().Count);

        var replaced = await Client.PostAsJsonAsync("/v1/models/vgg/benchmarks", new { resource = "pi", blocks = Blocks(3, 0.25) });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("/v1/models/vgg/benchmarks/pi", replaced.Content.Headers.ContentLocation!.OriginalString);
        Assert.Equal(0.25, (await (await Client.GetAsync("/v1/models/vgg/benchmarks/pi")).ReadJsonAsync())["blocks"]![0]!["latencySeconds"]!.GetValue<double>());
    }

    [Fact]
    public async Task ABenchmarkReadFromTheServiceCanBePostedBackAsItIs()
    {
        (await Client.PostAsJsonAsync("/v1/models/vgg/benchmarks", new
        {
            resource = "pi",
            blocks = Blocks(2, 0.5),
            provenance = new { repeats = 7, statistic = "p90", minSeconds = 1.5, notes = "bench", blockStatistics = new[] { Stats(0.5), Stats(0.5) } },
        })).EnsureSuccessStatusCode();
        var read = await (await Client.GetAsync("/v1/models/vgg/benchmarks/pi")).ReadJsonAsync();

        var copy = new JsonObject { ["resource"] = read["resource"]!.DeepClone(), ["blocks"] = read["blocks"]!.DeepClone(), ["provenance"] = read["provenance"]!.DeepClone() };
        var posted = await Client.PostAsync("/v1/models/resnet/benchmarks", HttpJson.Json(copy.ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var again = await (await Client.GetAsync("/v1/models/resnet/benchmarks/pi")).ReadJsonAsync();
        Assert.True(JsonNode.DeepEquals(read["blocks"], again["blocks"]));
        Assert.True(JsonNode.DeepEquals(read["provenance"], again["provenance"]));
    }

    [Theory]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 0, "latencySeconds": 1, "outputBytes": 1}]}""", "resource")]
    [InlineData("""{"resource": "pi"}""", "blocks")]
    [InlineData("""{"resource": "pi", "blocks": [{"firstLayer": 0, "lastLayer": 0, "latencySeconds": -1, "outputBytes": 1}]}""", "blocks[0].latencySeconds")]
    [InlineData("""{"resource": "pi", "blocks": [{"firstLayer": 0, "lastLayer": 0, "latencySeconds": 1, "outputBytes": 1}], "provenance": {"repeats": 0}}""", "provenance.repeats")]
    [InlineData("""{"resource": "pi", "blocks": [{"firstLayer": 0, "lastLayer": 0, "latencySeconds": 1, "outputBytes": 1}], "provenance": {"statistic": "mode"}}""", "provenance.statistic")]
    public async Task AnInvalidPostNamesTheField(string body, string field)
    {
        await (await Client.PostAsync("/v1/models/vgg/benchmarks", HttpJson.Json(body))).AssertFieldErrorAsync(field);
        await (await Client.GetAsync("/v1/models/vgg/benchmarks/pi")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APostFollowsTheLayoutRuleAndNamesUnknownEntries()
    {
        (await Client.PostAsJsonAsync("/v1/models/vgg/benchmarks", new { resource = "pi", blocks = Blocks(3, 0.5) })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync("/v1/models/vgg/benchmarks", new { resource = "box", blocks = Blocks(3, 0.1) })).EnsureSuccessStatusCode();

        await (await Client.PostAsJsonAsync("/v1/models/vgg/benchmarks", new { resource = "gpu", blocks = Blocks(4, 0.1) })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await Client.PostAsJsonAsync("/v1/models/nope/benchmarks", new { resource = "gpu", blocks = Blocks(3, 0.1) })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PostAsJsonAsync("/v1/models/vgg/benchmarks", new { resource = "mars", blocks = Blocks(3, 0.1) })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABatchIsStoredWhole()
    {
        var response = await Client.PostAsJsonAsync("/v1/benchmarks", new object[]
        {
            new { model = "vgg", resource = "pi", blocks = Blocks(3, 0.5) },
            new { model = "VGG", resource = "box", blocks = Blocks(3, 0.1), provenance = new { repeats = 3 } },
            new { model = "resnet", resource = "gpu", blocks = Blocks(5, 0.01) },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await response.ReadJsonAsync())["stored"]!.AsArray();
        Assert.Equal(["/v1/models/vgg/benchmarks/pi", "/v1/models/VGG/benchmarks/box", "/v1/models/resnet/benchmarks/gpu"], stored.Select(s => s!["href"]!.GetValue<string>()));
        Assert.All(stored, s => Assert.True(s!["created"]!.GetValue<bool>()));
        Assert.Equal(["box", "pi"], await ResourcesWithBenchmarksAsync("vgg"));
        Assert.Equal(["gpu"], await ResourcesWithBenchmarksAsync("resnet"));
    }

    [Fact]
    public async Task ABatchWithInvalidItemsListsEveryOneByIndexAndStoresNothing()
    {
        var problem = await (await Client.PostAsync("/v1/benchmarks", HttpJson.Json("""
            [
              {"model": "vgg", "resource": "pi", "blocks": [{"firstLayer": 0, "lastLayer": 0, "latencySeconds": 1, "outputBytes": 1}]},
              {"model": "vgg", "resource": "box", "blocks": []},
              null,
              {"model": "vgg", "blocks": [{"firstLayer": 0, "lastLayer": 0, "latencySeconds": 1, "outputBytes": 1}], "provenance": {"repeats": -2}}
            ]
            """))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).Order().ToArray();
        Assert.Equal(["[1].blocks", "[2]", "[3].provenance.repeats", "[3].resource"], errors);
        Assert.Empty(await ResourcesWithBenchmarksAsync("vgg"));
    }

    [Fact]
    public async Task ABatchWithRefusedItemsListsEveryRefusalByIndexAndStoresNothing()
    {
        (await Client.PostAsJsonAsync("/v1/models/vgg/benchmarks", new { resource = "pi", blocks = Blocks(3, 0.5) })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync("/v1/models/vgg/benchmarks", new { resource = "box", blocks = Blocks(3, 0.5) })).EnsureSuccessStatusCode();

        var problem = await (await Client.PostAsJsonAsync("/v1/benchmarks", new object[]
        {
            new { model = "resnet", resource = "pi", blocks = Blocks(2, 0.5) },
            new { model = "vgg", resource = "gpu", blocks = Blocks(4, 0.1) },
            new { model = "resnet", resource = "mars", blocks = Blocks(2, 0.5) },
            new { model = "resnet", resource = "box", blocks = Blocks(6, 0.5) },
        })).AssertProblemAsync(HttpStatusCode.Conflict);

        // Item 3 conflicts with item 0, which the batch itself would have stored first.
        Assert.Equal(["[1]", "[2]", "[3]"], problem["errors"]!.AsObject().Select(e => e.Key).Order().ToArray());
        Assert.Empty(await ResourcesWithBenchmarksAsync("resnet"));
        Assert.Equal(["box", "pi"], await ResourcesWithBenchmarksAsync("vgg"));
    }

    [Fact]
    public async Task AnEmptyOrMissingBatchIsA400()
    {
        await (await Client.PostAsync("/v1/benchmarks", HttpJson.Json("[]"))).AssertFieldErrorAsync("body");
        await (await Client.PostAsync("/v1/benchmarks", HttpJson.Json("{}"))).AssertFieldErrorAsync("body");
    }

    private async Task<string[]> ResourcesWithBenchmarksAsync(string model) =>
        [.. (await (await Client.GetAsync($"/v1/models/{model}/benchmarks")).ReadJsonAsync()).AsArray().Select(b => b!["resource"]!.GetValue<string>())];

    private static object[] Blocks(int count, double seconds) =>
        [.. Enumerable.Range(0, count).Select(i => new { firstLayer = i, lastLayer = i, latencySeconds = seconds, outputBytes = 1000 })];

    private static object Stats(double seconds) =>
        new { medianSeconds = seconds, p90Seconds = seconds, minSeconds = seconds, meanSeconds = seconds, stdDevSeconds = 0.0, count = 5 };
}
