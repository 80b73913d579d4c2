using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

public sealed class PartitionCacheTests : ApiTest
{
    protected override Task SeedAsync() => TinyCatalog.SeedAsync(Client);

    [Fact]
    public async Task TheFirstQueryIsAMissAndTheSecondAMemoryHitWithTheSameAnswer()
    {
        var first = await Client.GetAsync("/v1/models/tiny/partitions?top=3");
        var second = await Client.GetAsync("/v1/models/tiny/partitions?top=3");

        Assert.Equal("Scission; fwd=miss; stored", CacheStatusOf(first));
        Assert.Equal("Scission; hit; detail=memory", CacheStatusOf(second));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v1/models/TINY/partitions", "/v1/models/tiny/partitions?top=5&network=default&inputMB=0.15")]
    [InlineData("/v1/models/tiny/partitions?device=!-1,3&top=2", "/v1/models/tiny/partitions?top=2&device=3,!-1")]
    [InlineData("/v1/models/tiny/partitions?cloudTime=50%25&edge=!pi", "/v1/models/Tiny/partitions?edge=!pi&cloudTime=50%25&edgeTime=")]
    public async Task EquivalentQueriesShareOneEntry(string first, string equivalent)
    {
        await Client.GetAsync(first);

        var response = await Client.GetAsync(equivalent);

        Assert.Equal("Scission; hit; detail=memory", CacheStatusOf(response));
    }

    [Fact]
    public async Task TheSearchRouteSharesEntriesWithTheDropInRouteForTheSameQuestion()
    {
        await Client.GetAsync("/v1/models/tiny/partitions?top=4");

        var search = await Client.PostAsync("/v1/models/tiny/partitions/search", HttpJson.Json("""{"top": 4, "stages": [{"tier": "device"}, {"tier": "edge"}, {"tier": "cloud"}]}"""));

        Assert.Equal("Scission; hit; detail=memory", CacheStatusOf(search));
    }

    [Theory]
    [InlineData("/v1/models/tiny/partitions?inputMB=0.3")]
    [InlineData("/v1/models/tiny/partitions?network=other")]
    [InlineData("/v1/models/tiny/partitions?top=6")]
    [InlineData("/v1/models/tiny/partitions?device=1")]
    [InlineData("/v1/models/tiny/partitions?deviceUploadMB=0.5")]
    public async Task DifferentNetworksOrInputsNeverShareAnEntry(string different)
    {
        await TinyCatalog.LinkAsync(Client, "other", "pi", "gpu", 1, 1000);
        await Client.GetAsync("/v1/models/tiny/partitions");

        var response = await Client.GetAsync(different);

        Assert.Equal("Scission; fwd=miss; stored", CacheStatusOf(response));
    }

    [Fact]
    public async Task EveryKindOfWriteChangesTheNextAnswer()
    {
        var before = await Best();

        await TinyCatalog.BenchmarkAsync(Client, "box", 0.001);
        var afterBenchmark = await Best();
        await TinyCatalog.LinkAsync(Client, "default", "pi", "box", 5000, 0.01);
        var afterLink = await Best();
        await Client.DeleteAsync("/v1/resources/gpu?force=true");
        var afterResource = await Best();

        Assert.Equal("Device(pi) = -1 - -1, Edge(None) = -1 - -1, Cloud(gpu) = 0 - 3", before);
        Assert.Equal("Device(pi) = -1 - -1, Edge(box) = 0 - 3, Cloud(None) = -1 - -1", afterBenchmark);
        Assert.Equal("Device(pi) = -1 - -1, Edge(None) = -1 - -1, Cloud(gpu) = 0 - 3", afterLink);
        Assert.Equal("Device(pi) = 0 - 3, Edge(None) = -1 - -1, Cloud(None) = -1 - -1", afterResource);
    }

    [Fact]
    public async Task MetricsCountHitsAndMisses()
    {
        var counts = new Dictionary<string, long>();
        // Meters made by a host's IMeterFactory carry it as their scope: listening to this test's host alone keeps
        // the counts exact while other tests' hosts count their own lookups in parallel.
        var meters = Factory.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "scission.cache.lookups" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (counts)
            {
                var result = (string)tags.ToArray().Single(t => t.Key == "result").Value!;
                counts[result] = counts.GetValueOrDefault(result) + value;
            }
        });
        listener.Start();

        await Client.GetAsync("/v1/models/tiny/partitions?top=7");
        await Client.GetAsync("/v1/models/tiny/partitions?top=7");
        await Client.GetAsync("/v1/models/tiny/partitions?top=7");

        Assert.Equal(new Dictionary<string, long> { ["miss"] = 1, ["memory-hit"] = 2 }, counts);
    }

    [Fact]
    public async Task TheMemoryCacheIsBoundedInBytes()
    {
        using var tiny = new ScissionApiFactory(settings: new Dictionary<string, string> { ["Cache:MemoryLimitBytes"] = "100" });
        var client = tiny.CreateClient();
        await TinyCatalog.SeedAsync(client);

        await client.GetAsync("/v1/models/tiny/partitions");
        var again = await client.GetAsync("/v1/models/tiny/partitions");

        // An answer larger than the whole budget is never kept, so the same question is computed again.
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Scission; fwd=miss; stored", CacheStatusOf(again));
    }

    private async Task<string> Best()
    {
        var response = await Client.GetAsync("/v1/models/tiny/partitions?top=1");
        Assert.Equal("Scission; fwd=miss; stored", CacheStatusOf(response));
        return (await response.ReadJsonAsync())["results"]![0]!["config"]!.GetValue<string>();
    }

    internal static string CacheStatusOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Cache-Status", out var values) ? string.Join(", ", values) : "(none)";
}
