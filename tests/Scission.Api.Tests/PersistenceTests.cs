using System.Net;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task ASecondHostOnTheSameDatabaseFileSeesEverything()
    {
        using var first = new ScissionApiFactory();
        var client = first.CreateClient();
        await client.PutJsonAsync("/v1/resources/pi", new { tier = "device" });
        await client.PutJsonAsync("/v1/resources/gpu", new { tier = "cloud" });
        await client.PutJsonAsync("/v1/networks/wifi/links/pi/gpu", new { latencyMs = 3, bandwidthMbps = 9 });
        await client.PutJsonAsync("/v1/models/m", new { description = "kept" });
        await client.PutJsonAsync("/v1/models/m/benchmarks/pi", new { blocks = new[] { new { firstLayer = 0, lastLayer = 3, latencySeconds = 0.5, outputBytes = 10 } } });
        var before = await client.GetStringAsync("/v1/models/m/partitions?network=wifi");

        using var second = new ScissionApiFactory(first.DatabasePath);
        var restarted = second.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync("/v1/resources/gpu")).StatusCode);
        Assert.Equal("kept", (await (await restarted.GetAsync("/v1/models/m")).ReadJsonAsync())["description"]!.GetValue<string>());
        Assert.Single((await (await restarted.GetAsync("/v1/networks/wifi/links")).ReadJsonAsync())["links"]!.AsArray());
        Assert.Equal(before, await restarted.GetStringAsync("/v1/models/m/partitions?network=wifi"));
    }

    [Fact]
    public async Task ConcurrentWritesAllLand()
    {
        using var factory = new ScissionApiFactory();
        var client = factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.PutJsonAsync($"/v1/resources/r{i}", new { tier = "edge" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(40, (await (await client.GetAsync("/v1/resources")).ReadJsonAsync()).AsArray().Count);
    }
}
