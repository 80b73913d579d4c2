using System.Net;
using System.Text.Json.Nodes;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests.Partitions;

/// <summary>Every metric on every result, power figures, objectives, Pareto fronts and what-if links through the API.</summary>
public sealed class ObjectivesApiTests : ApiTest
{
    protected override Task SeedAsync() => TinyCatalog.SeedAsync(Client);

    private async Task<JsonNode> SearchAsync(string body)
    {
        var response = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json(body));
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    [Fact]
    public async Task PowerFiguresAreStoredAndDeviceEnergyIsReportedWithThem()
    {
        var before = await SearchAsync("""{"top": 3}""");
        (await Client.PutJsonAsync("/v1/resources/pi", new { tier = "device", computeWatts = 4.0, transmitWatts = 2.0, idleWatts = 0.5 })).EnsureSuccessStatusCode();
        var resource = await (await Client.GetAsync("/v1/resources/pi")).ReadJsonAsync();
        var after = await SearchAsync("""{"top": 3}""");

        Assert.Equal(4.0, resource["computeWatts"]!.GetValue<double>());
        Assert.All(before["results"]!.AsArray(), r => Assert.Null(r!["deviceEnergyJoules"]));
        foreach (var result in after["results"]!.AsArray())
        {
            // The documented formula, from the result's own figures.
            var stages = result!["stages"]!.AsArray();
            var device = stages.FirstOrDefault(s => s!["tier"]!.GetValue<string>() == "device")?["computeSeconds"]?.GetValue<double>() ?? 0;
            var latency = result["latencySeconds"]!.GetValue<double>();
            Assert.True(result["throughputPerSecond"]!.GetValue<double>() > 0);
            Assert.True(result["deviceUploadBytes"]!.GetValue<long>() >= 0);
            var energy = result["deviceEnergyJoules"]!.GetValue<double>();
            Assert.InRange(energy, (4.0 * device) + (0.5 * 0), (4.0 * device) + (2.0 * latency) + (0.5 * latency) + 1e-9);
        }
    }

    [Fact]
    public async Task SensitivityAnswersForDeviceEnergyAndIsRefusedForThroughput()
    {
        (await Client.PutJsonAsync("/v1/resources/pi", new { tier = "device", computeWatts = 4.0, transmitWatts = 2.0, idleWatts = 0.5 })).EnsureSuccessStatusCode();

        var answer = await SearchAsync("""{"top": 1, "objective": "deviceEnergy", "sensitivity": true}""");
        var throughput = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"objective": "throughput", "sensitivity": true}"""));

        Assert.Equal("deviceEnergy", answer["rankedBy"]!.GetValue<string>());
        var best = answer["results"]![0]!;
        var links = answer["sensitivity"]!.AsArray();
        Assert.Equal(best["hops"]!.AsArray().Count, links.Count);
        Assert.All(links, l => Assert.True(l!.AsObject().ContainsKey("minLatencyMs")));
        foreach (var rival in links.SelectMany(l => new[] { l!["belowMin"], l["aboveMax"], l["aboveMaxLatency"], l["belowMinLatency"] }).Where(r => r is not null))
        {
            Assert.True(rival!["deviceEnergyJoules"]!.GetValue<double>() >= best["deviceEnergyJoules"]!.GetValue<double>());
        }

        await throughput.AssertFieldErrorAsync("sensitivity");
    }

    [Fact]
    public async Task BadWattsAreRefusedByName()
    {
        await (await Client.PutJsonAsync("/v1/resources/pi", new { tier = "device", computeWatts = -1.0 })).AssertFieldErrorAsync("computeWatts");
        await (await Client.PutJsonAsync("/v1/resources/pi", new { tier = "device", idleWatts = 1e7 })).AssertFieldErrorAsync("idleWatts");
    }

    [Theory]
    [InlineData("throughput", "throughputPerSecond", true)]
    [InlineData("transferBytes", "transferBytes", false)]
    [InlineData("deviceUploadBytes", "deviceUploadBytes", false)]
    public async Task AnObjectiveRanksItsMetricBestFirst(string objective, string metric, bool higherIsBetter)
    {
        var answer = await SearchAsync($$"""{"objective": "{{objective}}", "top": 10}""");

        Assert.Equal(objective, answer["rankedBy"]!.GetValue<string>());
        var values = answer["results"]!.AsArray().Select(r => r![metric]!.GetValue<double>()).ToList();
        Assert.True(values.Count >= 5);
        Assert.Equal(higherIsBetter ? values.OrderDescending() : values.Order(), values);
    }

    [Fact]
    public async Task DeviceEnergyNeedsPowerFiguresAndAFrontNeedsTwoObjectives()
    {
        var noPower = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"objective": "deviceEnergy"}"""));
        var oneObjective = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"pareto": ["latency"]}"""));
        var both = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"objective": "latency", "pareto": ["latency", "transferBytes"]}"""));
        var unknown = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"objective": "happiness"}"""));

        Assert.Contains("power figures", await noPower.AssertFieldErrorAsync("objective"), StringComparison.Ordinal);
        await oneObjective.AssertFieldErrorAsync("pareto");
        await both.AssertFieldErrorAsync("objective");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task AParetoFrontHoldsOnlyPlansNoOtherBeatsOnBothAndIsSortedByTheFirst()
    {
        (await Client.PutJsonAsync("/v1/resources/pi", new { tier = "device", computeWatts = 5.0, transmitWatts = 3.0, idleWatts = 1.0 })).EnsureSuccessStatusCode();

        var all = (await SearchAsync("""{"top": 1000}"""))["results"]!.AsArray();
        var front = await SearchAsync("""{"pareto": ["latency", "deviceEnergy"], "top": 1000}""");

        Assert.Equal("pareto", front["rankedBy"]!.GetValue<string>());
        var points = front["results"]!.AsArray().Select(r => (Latency: r!["latencySeconds"]!.GetValue<double>(), Energy: r["deviceEnergyJoules"]!.GetValue<double>())).ToList();
        var everyPlan = all.Select(r => (Latency: r!["latencySeconds"]!.GetValue<double>(), Energy: r["deviceEnergyJoules"]!.GetValue<double>())).ToList();
        Assert.Equal(points.OrderBy(p => p.Latency).ToList(), points);
        Assert.All(points, p => Assert.DoesNotContain(everyPlan, q => q.Latency <= p.Latency && q.Energy <= p.Energy && (q.Latency < p.Latency || q.Energy < p.Energy)));
        Assert.Equal(everyPlan.Count(p => !everyPlan.Any(q => q.Latency <= p.Latency && q.Energy <= p.Energy && (q.Latency < p.Latency || q.Energy < p.Energy))), points.Count);
    }

    [Fact]
    public async Task AnOverriddenLinkAnswersAsIfItWereStoredAndLeavesTheStoreAlone()
    {
        var asked = await SearchAsync("""{"top": 5, "linkOverrides": [{"source": "pi", "destination": "box", "bandwidthMbps": 400}, {"source": "box", "destination": "pi", "latencyMs": 1, "bandwidthMbps": 2}]}""");
        var stored = await (await Client.GetAsync("/v1/networks/default/links/pi/box")).ReadJsonAsync();

        Assert.Equal(8, stored["bandwidthMbps"]!.GetValue<double>());
        await TinyCatalog.LinkAsync(Client, "default", "pi", "box", 10, 400);
        await TinyCatalog.LinkAsync(Client, "default", "box", "pi", 1, 2);
        var after = await SearchAsync("""{"top": 5}""");
        // The same plans and figures; only the chart links differ, as they carry each question.
        foreach (var answer in new[] { asked, after })
        {
            foreach (var result in answer["results"]!.AsArray())
            {
                result!.AsObject().Remove("planChartHref");
            }
        }

        Assert.Equal(after["results"]!.ToJsonString(), asked["results"]!.ToJsonString());
    }

    [Fact]
    public async Task ScalingEveryLinkIsTheSameByGetAndByPostAndChangesTheAnswer()
    {
        var plain = await (await Client.GetAsync("/v1/models/tiny/partitions?top=3")).ReadJsonAsync();
        var slowGet = await (await Client.GetAsync("/v1/models/tiny/partitions?top=3&bandwidthScale=0.01&latencyScale=3")).ReadJsonAsync();
        var slowPost = await SearchAsync("""{"top": 3, "linkScale": {"bandwidth": 0.01, "latency": 3}}""");

        Assert.Equal(slowPost["results"]!.ToJsonString(), slowGet["results"]!.ToJsonString());
        Assert.NotEqual(plain["results"]!.ToJsonString(), slowGet["results"]!.ToJsonString());
        await (await Client.GetAsync("/v1/models/tiny/partitions?bandwidthScale=0")).AssertFieldErrorAsync("bandwidthScale");
    }

    [Fact]
    public async Task BadOverridesAreRefusedByName()
    {
        var missing = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"linkOverrides": [{"source": "gpu", "destination": "pi", "latencyMs": 3}]}"""));
        var zero = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"linkOverrides": [{"source": "pi", "destination": "box", "bandwidthMbps": 0}]}"""));
        var scale = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"linkScale": {"bandwidth": -2}}"""));

        Assert.Contains("no link gpu -> pi", await missing.AssertFieldErrorAsync("linkOverrides[0]"), StringComparison.Ordinal);
        await zero.AssertFieldErrorAsync("linkOverrides[0].bandwidthMbps");
        await scale.AssertFieldErrorAsync("linkScale.bandwidth");

        var objective = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"objective": "device_upload_bytes"}"""));
        Assert.Contains("one of latency, throughput, transferBytes, deviceUploadBytes, deviceEnergy", await objective.AssertFieldErrorAsync("objective"), StringComparison.Ordinal);
        var front = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"pareto": ["latency", "joules"]}"""));
        Assert.Contains("one of latency", await front.AssertFieldErrorAsync("pareto[1]"), StringComparison.Ordinal);

        // A misspelt machine would add a link nothing uses, and the answer would not change: refused instead.
        var misspelt = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"linkOverrides": [{"source": "Pi", "destination": "box", "latencyMs": 1, "bandwidthMbps": 100}]}"""));
        Assert.Contains("'Pi'", await misspelt.AssertFieldErrorAsync("linkOverrides[0].source"), StringComparison.Ordinal);
        var unknown = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"linkOverrides": [{"source": "pi", "destination": "nowhere", "latencyMs": 1, "bandwidthMbps": 100}]}"""));
        await unknown.AssertFieldErrorAsync("linkOverrides[0].destination");
    }

    [Fact]
    public async Task BandwidthsSoHighThatBytesPerSecondOverflowAreRefusedWhereverTheyComeFrom()
    {
        var overflow = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"sensitivity": true, "linkOverrides": [{"source": "pi", "destination": "box", "bandwidthMbps": 1e304}]}"""));
        await overflow.AssertFieldErrorAsync("linkOverrides[0].bandwidthMbps");
        await (await Client.PutJsonAsync("/v1/networks/default/links/pi/box", new { latencyMs = 1, bandwidthMbps = 1e13 })).AssertFieldErrorAsync("bandwidthMbps");

        // The fastest link accepted, scaled past it: refused under the name the route gave the scale.
        await TinyCatalog.LinkAsync(Client, "default", "pi", "box", 1, 1e12);
        await (await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"linkScale": {"bandwidth": 10}}"""))).AssertFieldErrorAsync("linkScale.bandwidth");
        await (await Client.GetAsync("/v1/models/tiny/partitions?bandwidthScale=10")).AssertFieldErrorAsync("bandwidthScale");
        await (await Client.GetAsync("/v1/models/tiny/partitions?bandwidthScale=10")).AssertFieldErrorAsync("bandwidthScale");
        var sensitivity = await SearchAsync("""{"sensitivity": true}""");
        Assert.All(sensitivity["sensitivity"]!.AsArray(), s => Assert.True(double.IsFinite(s!["bandwidthMbps"]!.GetValue<double>())));
    }

    [Fact]
    public async Task ARefusalNamesThePositionsOfItsOwnQuestionEvenWhenAReorderedOneWasAskedFirst()
    {
        var first = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"stages": [{"tier": "device", "resources": ["pi", "ghost"]}]}"""));
        var second = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"stages": [{"tier": "device", "resources": ["ghost", "pi"]}]}"""));
        var overrides = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"linkOverrides": [{"source": "pi", "destination": "box", "latencyMs": 1}, {"source": "ghost", "destination": "box", "latencyMs": 1}]}"""));
        var reordered = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"linkOverrides": [{"source": "ghost", "destination": "box", "latencyMs": 1}, {"source": "pi", "destination": "box", "latencyMs": 1}]}"""));

        await first.AssertFieldErrorAsync("stages[0].resources[1]");
        await second.AssertFieldErrorAsync("stages[0].resources[0]");
        await overrides.AssertFieldErrorAsync("linkOverrides[1].source");
        await reordered.AssertFieldErrorAsync("linkOverrides[0].source");
    }

    [Fact]
    public async Task APlanTooQuickForARateHasNoThroughputAndAQuestionTooLongToLinkHasNoChartLink()
    {
        await TinyCatalog.BenchmarkAsync(Client, "pi", 1e-310);
        var alone = await (await Client.GetAsync("/v1/models/tiny/partitions?device=!-1&edge=-1&cloud=-1&inputBytes=0")).ReadJsonAsync();
        Assert.Null(alone["results"]![0]!["throughputPerSecond"]);

        var many = string.Join(", ", Enumerable.Repeat("""{"source": "pi", "destination": "box", "latencyMs": 10}""", 100));
        var answer = await SearchAsync($$"""{"top": 2, "linkOverrides": [{{many}}]}""");
        Assert.All(answer["results"]!.AsArray(), r => Assert.Null(r!["planChartHref"]));
        var few = await SearchAsync("""{"top": 2, "linkOverrides": [{"source": "pi", "destination": "box", "latencyMs": 10}]}""");
        Assert.All(few["results"]!.AsArray(), r => Assert.StartsWith("/v1/models/tiny/charts/plan.svg?rank=", r!["planChartHref"]!.GetValue<string>(), StringComparison.Ordinal));
    }
}
