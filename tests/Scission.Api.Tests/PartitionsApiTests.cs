using System.Net;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

public sealed class PartitionsApiTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await TinyCatalog.SeedAsync(Client);
        await Client.PutJsonAsync("/v1/models/empty", new { });
    }

    [Fact]
    public async Task ResultsCarryTheDocumentedShape()
    {
        var answer = await (await Client.GetAsync("/v1/models/TINY/partitions?top=3")).ReadJsonAsync();

        var best = answer["results"]![0]!;
        Assert.Equal("tiny", answer["model"]!.GetValue<string>());
        Assert.Equal(1, best["rank"]!.GetValue<int>());
        Assert.Equal(best["latencySeconds"]!.GetValue<double>(), best["computeSeconds"]!.GetValue<double>() + best["transferSeconds"]!.GetValue<double>(), 12);
        Assert.Contains("Device(pi)", best["config"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(best["stages"]!.AsArray(), s => Assert.True(s!["lastLayer"]!.GetValue<int>() >= s["firstLayer"]!.GetValue<int>()));
        Assert.Equal(3, answer["results"]!.AsArray().Count);
    }

    [Fact]
    public async Task AnIdleDeviceChargesTheInputAndLeavesUnusedStagesOut()
    {
        var answer = await (await Client.GetAsync("/v1/models/tiny/partitions?device=-1&edge=-1&inputMB=0.2&top=1")).ReadJsonAsync();

        var only = answer["results"]![0]!;
        Assert.Equal("Device(pi) = -1 - -1, Edge(None) = -1 - -1, Cloud(gpu) = 0 - 3", only["config"]!.GetValue<string>());
        Assert.Equal(200_000, only["transferBytes"]!.GetValue<long>());
        Assert.Equal(0.05 + (200_000 / 1_000_000.0), only["transferSeconds"]!.GetValue<double>(), 12);
        Assert.Equal("gpu", Assert.Single(only["stages"]!.AsArray())!["resource"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoFeasiblePlanIsAnEmptyList()
    {
        var response = await Client.GetAsync("/v1/models/tiny/partitions?device=-1&edge=-1&cloud=-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ReadJsonAsync())["results"]!.AsArray());
    }

    [Fact]
    public async Task UploadAndTimeLimitsApply()
    {
        var capped = await (await Client.GetAsync("/v1/models/tiny/partitions?deviceUploadMB=0.3&top=50")).ReadJsonAsync();
        var timed = await (await Client.GetAsync("/v1/models/tiny/partitions?cloudTime=0.1&edgeTime=10%25&top=50")).ReadJsonAsync();

        Assert.NotEmpty(capped["results"]!.AsArray());
        Assert.All(capped["results"]!.AsArray(), r => Assert.True(r!["stages"]![0]!["tier"]!.GetValue<string>() != "device" || r["stages"]!.AsArray().Count == 1 || r["stages"]![0]!["outputBytes"]!.GetValue<long>() <= 300_000));
        Assert.NotEmpty(timed["results"]!.AsArray());
        Assert.All(timed["results"]!.AsArray(), r => Assert.All(
            r!["stages"]!.AsArray().Where(s => s!["tier"]!.GetValue<string>() == "cloud"),
            s => Assert.True(s!["computeSeconds"]!.GetValue<double>() <= 0.1)));
    }

    [Theory]
    [InlineData("top=0", "top")]
    [InlineData("top=1001", "top")]
    [InlineData("top=many", "top")]
    [InlineData("inputMB=-1", "inputMB")]
    [InlineData("inputMB=NaN", "inputMB")]
    [InlineData("device=3,,4", "device")]
    [InlineData("edge=!", "edge")]
    [InlineData("cloud=a%20b", "cloud")]
    [InlineData("deviceTime=fast", "deviceTime")]
    [InlineData("cloudTime=150%25", "cloudTime")]
    [InlineData("edgeUploadMB=-2", "edgeUploadMB")]
    [InlineData("network=bad%20name", "network")]
    public async Task BadQueryValuesAreRejectedNamingTheParameter(string query, string field) =>
        await (await Client.GetAsync($"/v1/models/tiny/partitions?{query}")).AssertFieldErrorAsync(field);

    [Theory]
    [InlineData("""{"stages": []}""", "stages")]
    [InlineData("""{"stages": [null]}""", "stages[0]")]
    [InlineData("""{"inputBytes": 9223372036854775807}""", "inputBytes")]
    [InlineData("""{"stages": [{"resources": ["pi"]}]}""", "stages[0].tier")]
    [InlineData("""{"stages": [{"tier": "device", "resources": ["ghost"]}]}""", "stages[0].resources[0]")]
    [InlineData("""{"stages": [{"tier": "device", "constraints": {"maxComputeSeconds": 1, "maxComputePercent": 5}}]}""", "stages[0].constraints.maxComputePercent")]
    [InlineData("""{"stages": [{"tier": "device", "constraints": {"requiredLayers": [-1]}}]}""", "stages[0].constraints.requiredLayers[0]")]
    [InlineData("""{"top": 0}""", "top")]
    [InlineData("""{"inputBytes": -5}""", "inputBytes")]
    [InlineData("""{"stages": [{"tier": "fog"}]}""", "stages[0].tier")]
    public async Task BadSearchBodiesAreRejectedNamingTheField(string body, string field) =>
        await (await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json(body))).AssertFieldErrorAsync(field);

    [Fact]
    public async Task UnknownModelOrNetworkIsNotFoundAndAModelWithoutBenchmarksIsAConflict()
    {
        await (await Client.GetAsync("/v1/models/nope/partitions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/v1/models/tiny/partitions?network=wifi")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/v1/models/empty/partitions")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task SearchTakesAnyPipelineAndRestrictedResources()
    {
        const string body = """{"top": 5, "stages": [{"tier": "device"}, {"tier": "cloud", "resources": ["gpu"], "constraints": {"requiredLayers": [3]}}]}""";

        var answer = await (await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json(body))).ReadJsonAsync();

        var results = answer["results"]!.AsArray();
        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.Equal("gpu", r!["stages"]!.AsArray().Last()!["resource"]!.GetValue<string>()));
        Assert.DoesNotContain(results, r => r!["config"]!.GetValue<string>().Contains("Edge", StringComparison.Ordinal));
    }
}
