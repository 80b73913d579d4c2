using System.Net;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>ETags on what is stored, and If-Match on the writes that change it.</summary>
public sealed class ConditionalWritesApiTests : ApiTest
{
    protected override Task SeedAsync() => TinyCatalog.SeedAsync(Client);

    public static TheoryData<string, string, object> Entries => new()
    {
        { "/v1/resources/pi", "/v1/resources/pi", new { tier = "device", description = "changed" } },
        { "/v1/networks/default/links/pi/box", "/v1/networks/default/links/pi/box", new { latencyMs = 12, bandwidthMbps = 9 } },
        { "/v1/models/tiny", "/v1/models/tiny", new { description = "changed" } },
        { "/v1/models/tiny/benchmarks/box", "/v1/models/tiny/benchmarks/box", new { blocks = TinyBlocks(0.5) } },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task EveryEntryHasAnETagThatAWriteMovesOnAndAStaleOneIsRefusedWith412(string read, string write, object body)
    {
        var first = await Client.GetAsync(read);
        var etag = first.Headers.ETag!.ToString();
        Assert.Matches("^\"[0-9]+\"$", etag);
        Assert.False(first.Headers.ETag.IsWeak);

        var changed = await Client.SendIfMatchAsync(HttpMethod.Put, write, etag, body);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var next = changed.Headers.ETag!.ToString();
        Assert.NotEqual(etag, next);
        Assert.Equal(next, (await Client.GetAsync(read)).Headers.ETag!.ToString());

        var stale = await (await Client.SendIfMatchAsync(HttpMethod.Put, write, etag, body)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("version", stale["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await Client.SendIfMatchAsync(HttpMethod.Delete, write, etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(next, (await Client.GetAsync(read)).Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendIfMatchAsync(HttpMethod.Delete, write + (write.StartsWith("/v1/resources", StringComparison.Ordinal) ? "?force=true" : ""), $"\"1\", {next}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(read)).StatusCode);
    }

    [Fact]
    public async Task IfMatchStarNeedsTheEntryToExist()
    {
        await (await Client.SendIfMatchAsync(HttpMethod.Put, "/v1/resources/new", "*", new { tier = "edge" })).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v1/resources/new")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendIfMatchAsync(HttpMethod.Put, "/v1/resources/pi", "*", new { tier = "device" })).StatusCode);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"4\"2\"")]
    [InlineData("W/")]
    public async Task AMalformedIfMatchIsA400NamingTheHeader(string ifMatch)
    {
        var message = await (await Client.SendIfMatchAsync(HttpMethod.Put, "/v1/resources/pi", ifMatch, new { tier = "device" })).AssertFieldErrorAsync("If-Match");
        Assert.Contains("entity tag", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWeakOrForeignTagNeverMatches()
    {
        var etag = (await Client.GetAsync("/v1/resources/pi")).Headers.ETag!.Tag;
        await (await Client.SendIfMatchAsync(HttpMethod.Put, "/v1/resources/pi", $"W/{etag}", new { tier = "device" })).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Client.SendIfMatchAsync(HttpMethod.Put, "/v1/resources/pi", "\"abc\"", new { tier = "device" })).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task WithoutIfMatchTheLastWriteWinsAndEachWriteAnswersItsOwnETag()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Client.PutJsonAsync("/v1/resources/pi", new { tier = "device", description = $"writer {i}" })));
        var tags = answers.Select(a => a.Headers.ETag!.ToString()).ToArray();
        Assert.Equal(8, tags.Distinct().Count());
        var stored = await Client.GetAsync("/v1/resources/pi");
        var last = tags.MaxBy(t => long.Parse(t.Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(last, stored.Headers.ETag!.ToString());
        var winner = Array.IndexOf(tags, last);
        Assert.Equal($"writer {winner}", (await stored.ReadJsonAsync())["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACreatedLinkIsFoundWhereItsLocationSays()
    {
        var created = await Client.PutJsonAsync("/v1/networks/lte/links/pi/gpu", new { latencyMs = 40, bandwidthMbps = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = await Client.GetAsync(created.Headers.Location!);
        Assert.Equal(40, (await link.ReadJsonAsync())["latencyMs"]!.GetValue<double>());
        Assert.Equal(created.Headers.ETag, link.Headers.ETag);
        await (await Client.GetAsync("/v1/networks/lte/links/gpu/pi")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static object[] TinyBlocks(double seconds) =>
        [.. Enumerable.Range(0, 4).Select(b => new { firstLayer = b, lastLayer = b, latencySeconds = seconds, outputBytes = 1_000_000 >> b })];
}
