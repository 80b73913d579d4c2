using System.Net;
using System.Xml.Linq;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests.Partitions;

/// <summary>The three charts parse as SVG and hold the bars, lines and labels their data call for.</summary>
public sealed class ChartsApiTests : ApiTest
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    protected override Task SeedAsync() => TinyCatalog.SeedAsync(Client);

    private async Task<XDocument> SvgAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(text);
    }

    private static List<XElement> Classed(XDocument svg, string element, string cssClass) =>
        [.. svg.Descendants(Ns + element).Where(e => (string?)e.Attribute("class") == cssClass)];

    [Fact]
    public async Task TheProfileHasABarPerBlockAndMachineAndTheOutputSizeAsALine()
    {
        var all = await SvgAsync("/v1/models/tiny/charts/profile.svg");
        var two = await SvgAsync("/v1/models/tiny/charts/profile.svg?resources=pi,gpu");

        Assert.Equal(4 * 3, Classed(all, "rect", "bar").Count);
        Assert.Equal(4 * 2, Classed(two, "rect", "bar").Count);
        Assert.Equal(["box", "gpu", "pi"], Classed(all, "text", "legend").Select(t => t.Value).Where(t => t != "output size"));
        Assert.Equal(4, ((string)Classed(all, "polyline", "output").Single().Attribute("points")!).Split(' ').Length);
        Assert.Contains(Classed(all, "rect", "bar"), bar => bar.Element(Ns + "title")!.Value == "block 0 on pi: 1000 ms");
    }

    [Fact]
    public async Task TheProfileRefusesUnknownMachinesAndModels()
    {
        await (await Client.GetAsync("/v1/models/tiny/charts/profile.svg?resources=pi,moon")).AssertFieldErrorAsync("resources");
        await (await Client.GetAsync("/v1/models/nothing/charts/profile.svg")).AssertProblemAsync(HttpStatusCode.NotFound);
        await Client.PutJsonAsync("/v1/models/empty", new { });
        await (await Client.GetAsync("/v1/models/empty/charts/profile.svg")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task APlanChartDrawsEachStageAndHopOfThatRankAndEveryResultLinksItsOwn()
    {
        var answer = await (await Client.GetAsync("/v1/models/tiny/partitions?top=3&device=!-1")).ReadJsonAsync();
        var second = answer["results"]![1]!;

        var byQuery = await SvgAsync("/v1/models/tiny/charts/plan.svg?top=3&device=!-1&rank=2");
        var byLink = await SvgAsync(second["planChartHref"]!.GetValue<string>());

        Assert.Contains(second["config"]!.GetValue<string>(), byQuery.Root!.Element(Ns + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal(byQuery.ToString(), byLink.ToString());
        Assert.Equal(second["stages"]!.AsArray().Count, Classed(byQuery, "rect", "stage").Count);
        Assert.Equal(second["hops"]!.AsArray().Count, Classed(byQuery, "rect", "hop").Count);
        await (await Client.GetAsync("/v1/models/tiny/charts/plan.svg?rank=999&device=-1&edge=-1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/v1/models/tiny/charts/plan.svg?search=%7Bnot%20json")).AssertFieldErrorAsync("search");
        await (await Client.GetAsync("/v1/models/tiny/charts/plan.svg?search=" + Uri.EscapeDataString("""{"top": 0}"""))).AssertFieldErrorAsync("search.top");
        await (await Client.GetAsync("/v1/models/tiny/charts/plan.svg?search=" + Uri.EscapeDataString("""{"stages": [{"tier": "device", "resources": ["ghost"]}]}"""))).AssertFieldErrorAsync("search.stages[0].resources[0]");
        await (await Client.GetAsync("/v1/models/tiny/charts/plan.svg?device=!ghost2&edge=nonsense!!")).AssertFieldErrorAsync("edge");
    }

    [Fact]
    public async Task TheBandwidthChartMarksEachCrossoverAndTheLinkAsItIsNow()
    {
        var svg = await SvgAsync("/v1/models/tiny/charts/bandwidth.svg?source=pi&destination=gpu&fromMbps=0.01&toMbps=10000");

        var crossovers = Classed(svg, "line", "crossover");
        var best = Classed(svg, "polyline", "best");
        Assert.Equal(best.Count - 1, crossovers.Count);
        Assert.True(crossovers.Count > 0, svg.ToString());
        Assert.Single(Classed(svg, "line", "now"));
        Assert.Equal(Classed(svg, "text", "legend").Count, Classed(svg, "polyline", "plan").Count);
        await (await Client.GetAsync("/v1/models/tiny/charts/bandwidth.svg?source=pi&destination=box&fromMbps=10&toMbps=1")).AssertFieldErrorAsync("toMbps");
        await (await Client.GetAsync("/v1/models/tiny/charts/bandwidth.svg?source=pi&destination=box&toMbps=2e9")).AssertFieldErrorAsync("toMbps");
        await (await Client.GetAsync("/v1/models/tiny/charts/bandwidth.svg?source=pi&destination=box&fromMbps=0")).AssertFieldErrorAsync("fromMbps");
        await (await Client.GetAsync("/v1/models/tiny/charts/bandwidth.svg?source=pi&destination=box&network=nowhere")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/v1/models/tiny/charts/bandwidth.svg?source=gpu&destination=pi")).AssertFieldErrorAsync("destination");
        await (await Client.GetAsync("/v1/models/tiny/charts/bandwidth.svg?destination=pi")).AssertFieldErrorAsync("source");
    }
}

/// <summary>Axis ticks at every scale a chart may meet.</summary>
public sealed class ChartScaleTests
{
    [Theory]
    [InlineData(0, 2e-13)]
    [InlineData(0, 0.3)]
    [InlineData(0, 131)]
    [InlineData(1e9, 1e9 + 5)]
    public void TicksAreDistinctRoundMultiplesInsideTheAxis(double min, double max)
    {
        var scale = new Scission.Api.Charts.ChartScale(min, max, 0, 100);

        var ticks = scale.Ticks();

        Assert.InRange(ticks.Count, 3, 11);
        Assert.Equal(ticks.Count, ticks.Select(scale.Map).Distinct().Count());
        Assert.All(ticks, t => Assert.InRange(t, min, max * (1 + 1e-9)));
        Assert.All(ticks, t => Assert.Equal(t, double.Parse(t.ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)));
    }
}
