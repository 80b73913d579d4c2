using System.Net;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>Concurrent writers: one whole body wins, never a mix, and the layout rule holds when first benchmarks race.</summary>
public sealed class RaceTests : ApiTest
{
    protected override Task SeedAsync() => RegisterAsync([.. Enumerable.Range(0, 8).Select(r => ($"r{r}", "edge"))]);

    [Fact]
    public async Task ConcurrentBenchmarkWritesToOneKeyLeaveOneWholeBody()
    {
        await Client.PutJsonAsync("/v1/models/m", new { });
        var bodies = Enumerable.Range(1, 12).Select(k => new { blocks = Enumerable.Range(0, 50).Select(b => new { firstLayer = b, lastLayer = b, latencySeconds = k + (b / 1000.0), outputBytes = (long)k * 1000 }).ToArray(), repeats = k }).ToArray();

        var answers = await Task.WhenAll(bodies.Select(body => Client.PutJsonAsync("/v1/models/m/benchmarks/r0", body)));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, a.StatusCode.ToString()));
        var stored = await (await Client.GetAsync("/v1/models/m/benchmarks/r0")).ReadJsonAsync();
        var k = stored["provenance"]!["repeats"]!.GetValue<int>();
        var blocks = stored["blocks"]!.AsArray();
        Assert.Equal(50, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(k, (int)Math.Floor(b!["latencySeconds"]!.GetValue<double>())));
        Assert.All(blocks, b => Assert.Equal(k * 1000L, b!["outputBytes"]!.GetValue<long>()));
    }

    [Fact]
    public async Task RacingFirstBenchmarksWithDifferentLayoutsAgreeOnOne()
    {
        await Client.PutJsonAsync("/v1/models/m", new { });
        object Body(int blocks) => new { blocks = Enumerable.Range(0, blocks).Select(b => new { firstLayer = 2 * b * (8 / blocks), lastLayer = (2 * (b + 1) * (8 / blocks)) - 1, latencySeconds = 0.1, outputBytes = 10 }).ToArray() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(r => Client.PutJsonAsync($"/v1/models/m/benchmarks/r{r}", Body(r % 2 == 0 ? 4 : 8))));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode || a.StatusCode == HttpStatusCode.Conflict, a.StatusCode.ToString()));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        var stored = (await (await Client.GetAsync("/v1/models/m/benchmarks")).ReadJsonAsync()).AsArray();
        var counts = new HashSet<int>();
        foreach (var summary in stored)
        {
            counts.Add((await (await Client.GetAsync($"/v1/models/m/benchmarks/{summary!["resource"]}")).ReadJsonAsync())["blocks"]!.AsArray().Count);
        }

        Assert.Single(counts);
        Assert.Equal(answers.Count(a => a.IsSuccessStatusCode), stored.Count);
    }

    [Fact]
    public async Task ConcurrentResourceWritesLeaveOneOfTheBodies()
    {
        var descriptions = Enumerable.Range(0, 16).Select(k => $"writer {k} " + new string((char)('a' + k), 200)).ToArray();

        await Task.WhenAll(descriptions.Select(d => Client.PutJsonAsync("/v1/resources/contested", new { tier = "cloud", description = d })));

        var stored = (await (await Client.GetAsync("/v1/resources/contested")).ReadJsonAsync())["description"]!.GetValue<string>();
        Assert.Contains(stored, descriptions);
    }
}
