using System.Net;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

public sealed class ModelsAndBenchmarksApiTests : ApiTest
{
    private static readonly object[] ThreeBlocks =
    [
        new { firstLayer = 0, lastLayer = 1, latencySeconds = 0.0706, outputBytes = 12845184 },
        new { firstLayer = 2, lastLayer = 4, latencySeconds = 0.0, outputBytes = 3211392 },
        new { firstLayer = 5, lastLayer = 5, latencySeconds = 0.01, outputBytes = 4128 },
    ];

    protected override async Task SeedAsync()
    {
        await RegisterAsync(("pi", "device"), ("gpu", "cloud"));
        (await Client.PutJsonAsync("/v1/models/VGG16", new { description = "a chain" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ModelNamesMatchIgnoringCaseAndKeepTheirFirstSpelling()
    {
        var replaced = await Client.PutJsonAsync("/v1/models/vgg16", new { description = "again" });
        var fetched = await (await Client.GetAsync("/v1/models/Vgg16")).ReadJsonAsync();
        var list = await (await Client.GetAsync("/v1/models")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("VGG16", fetched["name"]!.GetValue<string>());
        Assert.Equal("again", fetched["description"]!.GetValue<string>());
        Assert.Null(fetched["layout"]);
        Assert.Single(list.AsArray());
    }

    [Fact]
    public async Task TheFirstBenchmarkFixesTheLayoutShownOnTheModel()
    {
        var created = await Client.PutJsonAsync("/v1/models/vgg16/benchmarks/pi", new { blocks = ThreeBlocks, repeats = 10, runtime = "keras" });
        var model = await (await Client.GetAsync("/v1/models/vgg16")).ReadJsonAsync();
        var benchmark = await (await Client.GetAsync("/v1/models/vgg16/benchmarks/pi")).ReadJsonAsync();
        var summaries = await (await Client.GetAsync("/v1/models/vgg16/benchmarks")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, model["blockCount"]!.GetValue<int>());
        Assert.Equal(2, model["layout"]![1]!["firstLayer"]!.GetValue<int>());
        Assert.Equal(["pi"], model["benchmarkedResources"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(0.0706, benchmark["blocks"]![0]!["latencySeconds"]!.GetValue<double>());
        Assert.Equal(10, benchmark["provenance"]!["repeats"]!.GetValue<int>());
        Assert.Equal("pi", summaries[0]!["resource"]!.GetValue<string>());
        Assert.Equal((await created.ReadJsonAsync())["storedAt"]!.GetValue<DateTimeOffset>(), benchmark["storedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task ADifferentLayoutLaterIsAConflictSayingWhereAndKeepsTheStoredData()
    {
        await Client.PutJsonAsync("/v1/models/vgg16/benchmarks/pi", new { blocks = ThreeBlocks });
        object[] shifted =
        [
            new { firstLayer = 0, lastLayer = 1, latencySeconds = 0.1, outputBytes = 1 },
            new { firstLayer = 2, lastLayer = 3, latencySeconds = 0.1, outputBytes = 1 },
            new { firstLayer = 4, lastLayer = 5, latencySeconds = 0.1, outputBytes = 1 },
        ];

        var conflict = await Client.PutJsonAsync("/v1/models/vgg16/benchmarks/gpu", new { blocks = shifted });
        var list = await (await Client.GetAsync("/v1/models/vgg16/benchmarks")).ReadJsonAsync();

        var detail = (await conflict.AssertProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>();
        Assert.Contains("block 1 covers layers 2-3", detail, StringComparison.Ordinal);
        Assert.Single(list.AsArray());
    }

    [Fact]
    public async Task ReplacingTheOnlyBenchmarkMayChangeTheLayout()
    {
        await Client.PutJsonAsync("/v1/models/vgg16/benchmarks/pi", new { blocks = ThreeBlocks });

        var replaced = await Client.PutJsonAsync("/v1/models/vgg16/benchmarks/pi", new { blocks = ThreeBlocks.Take(2) });
        var model = await (await Client.GetAsync("/v1/models/vgg16")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(2, model["blockCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task BenchmarksForUnknownModelsOrResourcesAreNotFound()
    {
        await (await Client.PutJsonAsync("/v1/models/nope/benchmarks/pi", new { blocks = ThreeBlocks })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PutJsonAsync("/v1/models/vgg16/benchmarks/ghost", new { blocks = ThreeBlocks })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/v1/models/vgg16/benchmarks/gpu")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/v1/models/nope/benchmarks")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"blocks": []}""", "blocks", "at least one block")]
    [InlineData("""{"blocks": [null]}""", "blocks[0]", "block object")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 1, "outputBytes": 9223372036854775807}]}""", "blocks[0].outputBytes", "bytes")]
    [InlineData("""{}""", "blocks", "required")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": -0.5, "outputBytes": 1}]}""", "blocks[0].latencySeconds", "from 0 to")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 1e13, "outputBytes": 1}]}""", "blocks[0].latencySeconds", "from 0 to 1000000000000")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 1, "outputBytes": 1}], "statistic": "mean"}""", "statistic", "median, p90 or min")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 1, "outputBytes": 1}], "blockStatistics": []}""", "blockStatistics", "one entry per block")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 1, "outputBytes": 1}], "blockStatistics": [{"medianSeconds": 1, "p90Seconds": 1, "minSeconds": -1, "meanSeconds": 1, "stdDevSeconds": 0, "count": 3}]}""", "blockStatistics[0].minSeconds", "seconds")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "outputBytes": 1}]}""", "blocks[0].latencySeconds", "required")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 1, "outputBytes": -1}]}""", "blocks[0].outputBytes", "must be 0 to")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 1, "outputBytes": 1}, {"firstLayer": 3, "lastLayer": 4, "latencySeconds": 1, "outputBytes": 1}]}""", "blocks[1]", "contiguous")]
    [InlineData("""{"blocks": [{"firstLayer": 2, "lastLayer": 1, "latencySeconds": 1, "outputBytes": 1}]}""", "blocks[0]", "lastLayer")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": "slow", "outputBytes": 1}]}""", "blocks[0].latencySeconds", "number")]
    [InlineData("""{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 1, "outputBytes": 1}], "repeats": 0}""", "repeats", "at least 1")]
    public async Task BadBenchmarksAreRejectedNamingTheFieldAndStoreNothing(string body, string field, string reason)
    {
        var message = await (await Client.PutAsync("/v1/models/vgg16/benchmarks/pi", HttpJson.Json(body))).AssertFieldErrorAsync(field);

        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.Empty((await (await Client.GetAsync("/v1/models/vgg16/benchmarks")).ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task DeletingTheLastBenchmarkFreesTheLayoutAndDeletingTheModelRemovesItsBenchmarks()
    {
        await Client.PutJsonAsync("/v1/models/vgg16/benchmarks/pi", new { blocks = ThreeBlocks });

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/v1/models/vgg16/benchmarks/pi")).StatusCode);
        Assert.Null((await (await Client.GetAsync("/v1/models/vgg16")).ReadJsonAsync())["layout"]);
        await Client.PutJsonAsync("/v1/models/vgg16/benchmarks/pi", new { blocks = ThreeBlocks });
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/v1/models/VGG16")).StatusCode);
        await (await Client.GetAsync("/v1/models/vgg16/benchmarks/pi")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.DeleteAsync("/v1/models/vgg16")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnInvalidModelNameIsRejected() =>
        await (await Client.PutJsonAsync("/v1/models/bad%20name", new { description = "x" })).AssertFieldErrorAsync("model");

    [Fact]
    public async Task APutWithoutAContentTypeIsABadRequestNotAServerError()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/models/bare");

        var response = await Client.SendAsync(request);

        await response.AssertFieldErrorAsync("body");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v1/models/bare")).StatusCode);
    }
}
