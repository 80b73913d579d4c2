using System.Net;
using System.Text;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

public sealed class NetworksApiTests : ApiTest
{
    protected override Task SeedAsync() => RegisterAsync(("pi", "device"), ("2500", "edge"), ("6700k(GPU)", "cloud"));

    [Fact]
    public async Task PutCreatesThenReplacesALinkAndListsIt()
    {
        var created = await Client.PutJsonAsync("/v1/networks/wifi/links/pi/2500", new { latencyMs = 66.7, bandwidthMbps = 1.6 });
        var replaced = await Client.PutJsonAsync("/v1/networks/wifi/links/pi/2500", new { latencyMs = 10, bandwidthMbps = 20 });
        var links = await (await Client.GetAsync("/v1/networks/wifi/links")).ReadJsonAsync();
        var networks = await (await Client.GetAsync("/v1/networks")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var link = Assert.Single(links["links"]!.AsArray())!;
        Assert.Equal(10, link["latencyMs"]!.GetValue<double>());
        Assert.Equal(20, link["bandwidthMbps"]!.GetValue<double>());
        Assert.Equal("wifi", networks[0]!["name"]!.GetValue<string>());
        Assert.Equal(1, networks[0]!["linkCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task ALinkToAnUnregisteredResourceIsNotFoundAndNothingIsStored()
    {
        var response = await Client.PutJsonAsync("/v1/networks/default/links/pi/ghost", new { latencyMs = 1, bandwidthMbps = 1 });

        Assert.Contains("ghost", (await response.AssertProblemAsync(HttpStatusCode.NotFound))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v1/networks/default/links")).StatusCode);
    }

    [Theory]
    [InlineData("""{"latencyMs": -1, "bandwidthMbps": 1}""", "latencyMs")]
    [InlineData("""{"latencyMs": 1e13, "bandwidthMbps": 1}""", "latencyMs")]
    [InlineData("""{"latencyMs": 1, "bandwidthMbps": 1, "measurement": {"method": "carrier-pigeon", "rttMs": 1, "bandwidthMbps": 1, "measuredAt": "2026-01-01T00:00:00Z"}}""", "measurement.method")]
    [InlineData("""{"bandwidthMbps": 1}""", "latencyMs")]
    [InlineData("""{"latencyMs": 1, "bandwidthMbps": 0}""", "bandwidthMbps")]
    [InlineData("""{"latencyMs": 1, "bandwidthMbps": "fast"}""", "bandwidthMbps")]
    [InlineData("""{"latencyMs": 1, "bandwidthMbps": 1e400}""", "bandwidthMbps")]
    [InlineData("""{"latencyMs": "NaN", "bandwidthMbps": 1}""", "latencyMs")]
    [InlineData("""{"latencyMs": 1, "bandwidthMbps": 1e13}""", "bandwidthMbps")]
    [InlineData("""{"latencyMs": 1, "bandwidthMbps": 1, "measurement": {"method": "http-upload", "rttMs": 1, "bandwidthMbps": 1}}""", "measurement.measuredAt")]
    public async Task BadLinkFiguresAreRejectedNamingTheField(string body, string field) =>
        await (await Client.PutAsync("/v1/networks/default/links/pi/2500", HttpJson.Json(body))).AssertFieldErrorAsync(field);

    [Fact]
    public async Task ANetworkIsDeletedOnlyAsItsETagSaysWhenIfMatchIsGiven()
    {
        await Client.PutJsonAsync("/v1/networks/lab/links/pi/2500", new { latencyMs = 1, bandwidthMbps = 10 });
        var first = (await Client.GetAsync("/v1/networks/lab/links")).Headers.ETag!.Tag;
        await Client.PutJsonAsync("/v1/networks/lab/links/2500/6700k(GPU)", new { latencyMs = 2, bandwidthMbps = 20 });
        var second = (await Client.GetAsync("/v1/networks/lab/links")).Headers.ETag!.Tag;

        Assert.NotEqual(first, second);
        await (await DeleteAsync("/v1/networks/lab", first)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await DeleteAsync("/v1/networks/lab", "\" 5\"")).AssertFieldErrorAsync("If-Match");
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync("/v1/networks/lab", second)).StatusCode);
        await (await DeleteAsync("/v1/networks/lab", "*")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Client.DeleteAsync("/v1/networks/lab")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> DeleteAsync(string path, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Client.SendAsync(request);
    }

    [Fact]
    public async Task ALinkFromAMachineToItselfIsRejected() =>
        await (await Client.PutJsonAsync("/v1/networks/default/links/pi/pi", new { latencyMs = 1, bandwidthMbps = 1 })).AssertFieldErrorAsync("destination");

    [Fact]
    public async Task CsvImportTakesTheOriginalFormatWithPaddedNumbers()
    {
        const string csv = "source,destination,ping(ms),bandwidth(mbps)\npi,2500,            66.7,  1.6\npi,6700k(GPU),   80.25, 2.5\r\n2500,6700k(GPU),  9, 97.8\n\n";

        var response = await Client.PostAsync("/v1/networks/lab/links/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var body = await response.ReadJsonAsync();
        var links = await (await Client.GetAsync("/v1/networks/lab/links")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body["imported"]!.GetValue<int>());
        Assert.Equal(3, body["created"]!.GetValue<int>());
        Assert.Equal(3, links["links"]!.AsArray().Count);
        Assert.Contains(links["links"]!.AsArray(), l => l!["source"]!.GetValue<string>() == "pi" && l["latencyMs"]!.GetValue<double>() == 66.7);
    }

    [Fact]
    public async Task CsvImportIsAllOrNothing()
    {
        const string badLine = "source,destination,ping(ms),bandwidth(mbps)\npi,2500,66.7,1.6\npi,6700k(GPU),fast,2.5\n";
        const string unknownResource = "source,destination,ping(ms),bandwidth(mbps)\npi,2500,66.7,1.6\npi,ghost,1,2.5\n";

        var invalid = await Client.PostAsync("/v1/networks/lab/links/import", new StringContent(badLine, Encoding.UTF8, "text/csv"));
        var missing = await Client.PostAsync("/v1/networks/lab/links/import", new StringContent(unknownResource, Encoding.UTF8, "text/csv"));

        Assert.Contains("ping(ms)", await invalid.AssertFieldErrorAsync("line 3"), StringComparison.Ordinal);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v1/networks/lab/links")).StatusCode);
    }

    [Fact]
    public async Task CsvImportNeedsTheHeaderAndTheCsvMediaType()
    {
        var noHeader = await Client.PostAsync("/v1/networks/lab/links/import", new StringContent("pi,2500,1,1\n", Encoding.UTF8, "text/csv"));
        var json = await Client.PostAsync("/v1/networks/lab/links/import", HttpJson.Json("{}"));

        await noHeader.AssertFieldErrorAsync("line 1");
        await json.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task DeletingLinksAndNetworks()
    {
        await Client.PutJsonAsync("/v1/networks/wired/links/pi/2500", new { latencyMs = 1, bandwidthMbps = 100 });
        await Client.PutJsonAsync("/v1/networks/wired/links/2500/6700k(GPU)", new { latencyMs = 1, bandwidthMbps = 100 });

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/v1/networks/wired/links/pi/2500")).StatusCode);
        await (await Client.DeleteAsync("/v1/networks/wired/links/pi/2500")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/v1/networks/wired")).StatusCode);
        await (await Client.GetAsync("/v1/networks/wired/links")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
