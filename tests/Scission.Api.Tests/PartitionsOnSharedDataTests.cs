using Scission.Api.Tests.Support;
using Scission.Domain;
using Scission.Domain.Constraints;
using Scission.Testing;

namespace Scission.Api.Tests;

public sealed class PartitionsOnSharedDataTests : ApiTest
{
    protected override Task SeedAsync() =>
        SharedDataset.Directory is null ? Task.CompletedTask : DatasetLoader.LoadAsync(Client, "vgg19", "mobilenet", "resnet50");

    [DatasetFact]
    public async Task Vgg19ExampleAnswersExactlyAsTheOriginalTool()
    {
        var answer = await (await Client.GetAsync("/v1/models/VGG19/partitions?device=!-1&edge=10&cloud=16&top=5")).ReadJsonAsync();

        Assert.Equal("vgg19", answer["model"]!.GetValue<string>());
        Assert.Equal("default", answer["network"]!.GetValue<string>());
        Assert.Equal(DocumentedAnswers.Vgg19, answer["results"]!.AsArray().Select(r => DocumentedAnswers.Line(
            r!["rank"]!.GetValue<int>(), r["latencySeconds"]!.GetValue<double>(), r["transferBytes"]!.GetValue<long>(), r["config"]!.GetValue<string>())));
        var first = answer["results"]![0]!;
        Assert.Equal(["raspi4", "vm2Core", "6700k(GPU)"], first["stages"]!.AsArray().Select(s => s!["resource"]!.GetValue<string>()));
        Assert.Equal(12, first["stages"]![2]!["firstLayer"]!.GetValue<int>());
    }

    [DatasetTheory]
    [InlineData("vgg19", "default", "network_stats.json")]
    [InlineData("mobilenet", "wired", "network_stats_wired.json")]
    [InlineData("resnet50", "default", "network_stats.json")]
    public async Task AnswersThroughTheServiceEqualTheEngineOnTheSameData(string model, string network, string networkFile)
    {
        var answer = await (await Client.GetAsync($"/v1/models/{model}/partitions?network={network}&top=10&deviceTime=60%25")).ReadJsonAsync();

        var problem = SharedDataset.Value.Problem(model, networkFile);
        var stages = DefaultPipeline.Build(SharedDataset.Value.Resources, new StageConstraints { TimeLimit = TimeLimit.Percent(60) }, StageConstraints.None, StageConstraints.None);
        var expected = PartitionSearch.Run(problem, new PartitionQuery(stages) { Top = 10 }).Plans;

        Assert.Equal(
            expected.Select(p => (p.Configuration, p.LatencySeconds, p.TransferBytes)),
            answer["results"]!.AsArray().Select(r => (r!["config"]!.GetValue<string>(), r["latencySeconds"]!.GetValue<double>(), r["transferBytes"]!.GetValue<long>())));
    }

    [DatasetFact]
    public async Task TheBestVgg19PlanKeepsItsPlaceDownToTheSensitivityBoundOfTheDeviceUplinkAndTheNamedPlanTakesOverBelowIt()
    {
        var answer = await (await Client.PostAsync("/v1/models/vgg19/partitions/search", HttpJson.Json("""{"top": 1, "sensitivity": true}"""))).ReadJsonAsync();
        var best = answer["results"]![0]!["config"]!.GetValue<string>();
        var uplink = answer["sensitivity"]!.AsArray().Single()!;
        var min = uplink["minMbps"]!.GetValue<double>();

        Assert.Equal("raspi4", uplink["source"]!.GetValue<string>());
        Assert.Equal("6700k(GPU)", uplink["destination"]!.GetValue<string>());
        Assert.InRange(min, 0.1, uplink["bandwidthMbps"]!.GetValue<double>());
        foreach (var (mbps, expected) in new[] { (min * 1.0001, best), (min * 0.9999, uplink["belowMin"]!["config"]!.GetValue<string>()) })
        {
            var body = $$"""{"top": 1, "linkOverrides": [{"source": "raspi4", "destination": "6700k(GPU)", "bandwidthMbps": {{mbps.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}]}""";
            var moved = await (await Client.PostAsync("/v1/models/vgg19/partitions/search", HttpJson.Json(body))).ReadJsonAsync();
            Assert.Equal(expected, moved["results"]![0]!["config"]!.GetValue<string>());
        }

        var chart = await Client.GetStringAsync("/v1/models/vgg19/charts/bandwidth.svg?source=raspi4&destination=6700k(GPU)&fromMbps=0.1&toMbps=100");
        Assert.Contains($"{min.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} Mbps", chart, StringComparison.Ordinal);
    }

    [DatasetFact]
    public async Task TheSearchRouteWithDefaultStagesAgreesWithTheDropInRoute()
    {
        var dropIn = await (await Client.GetAsync("/v1/models/vgg19/partitions?top=8&inputMB=0.5")).ReadJsonAsync();
        var search = await (await Client.PostAsync("/v1/models/vgg19/partitions/search", HttpJson.Json("""{"top": 8, "inputBytes": 500000}"""))).ReadJsonAsync();

        Assert.Equal(dropIn.ToJsonString(), search.ToJsonString());
    }

    [DatasetFact]
    public async Task FourStagesUseTwoDifferentEdgeMachines()
    {
        // The data set has no edge-to-edge links; without them no plan can use both edges.
        var none = await (await Client.PostAsync("/v1/models/vgg19/partitions/search", HttpJson.Json(TwoEdges))).ReadJsonAsync();
        await Client.PutJsonAsync("/v1/networks/default/links/2500/vm2Core", new { latencyMs = 1, bandwidthMbps = 1000 });
        await Client.PutJsonAsync("/v1/networks/default/links/vm2Core/2500", new { latencyMs = 1, bandwidthMbps = 1000 });

        var answer = await (await Client.PostAsync("/v1/models/vgg19/partitions/search", HttpJson.Json(TwoEdges))).ReadJsonAsync();

        Assert.Empty(none["results"]!.AsArray());
        var results = answer["results"]!.AsArray();
        Assert.Equal(20, results.Count);
        Assert.All(results, r =>
        {
            var edges = r!["stages"]!.AsArray().Where(s => s!["tier"]!.GetValue<string>() == "edge").Select(s => s!["resource"]!.GetValue<string>()).ToList();
            Assert.Equal(2, edges.Count);
            Assert.NotEqual(edges[0], edges[1]);
        });
    }

    private const string TwoEdges = """
        {"top": 20, "stages": [
          {"tier": "device"},
          {"tier": "edge", "constraints": {"mustBeUsed": true}},
          {"tier": "edge", "constraints": {"mustBeUsed": true}},
          {"tier": "cloud"}]}
        """;
}
