using System.Diagnostics;
using System.Net;
using Scission.Api.Tests.Support;
using Scission.Testing;

namespace Scission.Api.Tests;

/// <summary>Two service hosts sharing one database and one Redis, as replicas do.</summary>
public sealed class RedisCacheTests : IDisposable
{
    private readonly string _prefix = $"scission-test-{Guid.NewGuid():N}:";
    private readonly List<ScissionApiFactory> _hosts = [];

    public void Dispose()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            host.Dispose();
        }
    }

    [RedisFact]
    public async Task AnAnswerComputedOnOneReplicaIsARedisHitOnAnother()
    {
        var (a, b) = await ReplicasAsync(RedisServer.SharedAddress!);

        var first = await a.GetAsync("/v1/models/tiny/partitions?top=3");
        var second = await b.GetAsync("/v1/models/tiny/partitions?top=3");
        var third = await b.GetAsync("/v1/models/tiny/partitions?top=3");

        Assert.Equal("Scission; fwd=miss; stored", PartitionCacheTests.CacheStatusOf(first));
        Assert.Equal("Scission; hit; detail=redis", PartitionCacheTests.CacheStatusOf(second));
        Assert.Equal("Scission; hit; detail=memory", PartitionCacheTests.CacheStatusOf(third));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [RedisFact]
    public async Task AWriteThroughOneReplicaChangesTheNextAnswerOnAnother()
    {
        var (a, b) = await ReplicasAsync(RedisServer.SharedAddress!);
        await a.GetAsync("/v1/models/tiny/partitions?top=1");
        await b.GetAsync("/v1/models/tiny/partitions?top=1");

        await TinyCatalog.BenchmarkAsync(a, "box", 0.001);
        var afterBenchmark = await b.GetAsync("/v1/models/tiny/partitions?top=1");
        await TinyCatalog.LinkAsync(a, "default", "pi", "box", 5000, 0.01);
        var afterLink = await b.GetAsync("/v1/models/tiny/partitions?top=1");
        await a.PutJsonAsync("/v1/resources/box", new { tier = "cloud" });
        var afterResource = await b.GetAsync("/v1/models/tiny/partitions?top=1");

        Assert.Equal("Scission; fwd=miss; stored", PartitionCacheTests.CacheStatusOf(afterBenchmark));
        Assert.Equal("Device(pi) = -1 - -1, Edge(box) = 0 - 3, Cloud(None) = -1 - -1", await BestAsync(afterBenchmark));
        Assert.Equal("Scission; fwd=miss; stored", PartitionCacheTests.CacheStatusOf(afterLink));
        Assert.Equal("Device(pi) = -1 - -1, Edge(None) = -1 - -1, Cloud(gpu) = 0 - 3", await BestAsync(afterLink));
        Assert.Equal("Scission; fwd=miss; stored", PartitionCacheTests.CacheStatusOf(afterResource));
        Assert.Equal("Device(pi) = -1 - -1, Edge(None) = -1 - -1, Cloud(gpu) = 0 - 3", await BestAsync(afterResource));
    }

    [RedisFact]
    public async Task TwoStoresSharingARedisNeverServeEachOthersAnswers()
    {
        // The same writes in the same order (so the same revisions) but other figures: only the stores tell them apart.
        var first = Track(ScissionApiFactory.WithRedis(RedisServer.SharedAddress!, _prefix)).CreateClient();
        var second = Track(ScissionApiFactory.WithRedis(RedisServer.SharedAddress!, _prefix)).CreateClient();
        await TinyCatalog.SeedAsync(first);
        await TinyCatalog.SeedAsync(second);
        await TinyCatalog.BenchmarkAsync(first, "pi", 0.0001);
        await TinyCatalog.BenchmarkAsync(second, "pi", 10);

        var answer = await first.GetAsync("/v1/models/tiny/partitions?top=1");
        var other = await second.GetAsync("/v1/models/tiny/partitions?top=1");

        Assert.Equal("Scission; fwd=miss; stored", PartitionCacheTests.CacheStatusOf(answer));
        Assert.Equal("Scission; fwd=miss; stored", PartitionCacheTests.CacheStatusOf(other));
        Assert.NotEqual(await BestAsync(answer), await BestAsync(other));
    }

    [RedisFact]
    public async Task ReadinessReportsRedis()
    {
        var (a, _) = await ReplicasAsync(RedisServer.SharedAddress!);

        // The connection is made in the background at start-up; readiness turns Healthy once it is up.
        await WaitUntilRedisIsBackAsync(a);
        var ready = await (await a.GetAsync("/health/ready")).ReadJsonAsync();

        Assert.Equal("Healthy", ready["status"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["checks"]!["redis"]!["status"]!.GetValue<string>());
    }

    [RedisServerFact]
    public async Task ARedisOutageNeverFailsAQueryAndCachingResumesWhenItReturns()
    {
        using var redis = RedisServer.Start();
        var (a, b) = await ReplicasAsync(redis.Address);
        var expected = await (await a.GetAsync("/v1/models/tiny/partitions?top=3")).Content.ReadAsStringAsync();

        redis.Kill();
        var during = new List<(HttpResponseMessage Response, TimeSpan Took)>();
        foreach (var top in new[] { 3, 4, 3, 4, 3 })
        {
            var timer = Stopwatch.StartNew();
            during.Add((await b.GetAsync($"/v1/models/tiny/partitions?top={top}"), timer.Elapsed));
        }

        var degraded = await (await a.GetAsync("/health/ready")).ReadJsonAsync();

        redis.Resume();
        await WaitUntilRedisIsBackAsync(a);
        await WaitUntilRedisIsBackAsync(b);
        var afterRestart = await SharedAgainAsync(a, b);

        Assert.All(during, d => Assert.Equal(HttpStatusCode.OK, d.Response.StatusCode));
        // A killed Redis refuses connections at once; even a timeout would cost at most 500 ms once per pause.
        Assert.All(during, d => Assert.True(d.Took < TimeSpan.FromSeconds(3), $"a query took {d.Took}"));
        Assert.Equal(expected, await during[0].Response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", degraded["status"]!.GetValue<string>());
        Assert.Equal("Degraded", degraded["checks"]!["redis"]!["status"]!.GetValue<string>());
        Assert.Equal("Scission; hit; detail=redis", afterRestart);
    }

    [Fact]
    public async Task WithRedisUnreachableFromTheStartQueriesAreStillAnswered()
    {
        var host = Track(ScissionApiFactory.WithRedis($"127.0.0.1:{RedisServer.FreePort()}", _prefix)).CreateClient();
        await TinyCatalog.SeedAsync(host);

        var first = await host.GetAsync("/v1/models/tiny/partitions");
        var second = await host.GetAsync("/v1/models/tiny/partitions");
        var ready = await host.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Scission; hit; detail=memory", PartitionCacheTests.CacheStatusOf(second));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", (await ready.ReadJsonAsync())["checks"]!["redis"]!["status"]!.GetValue<string>());
    }

    private async Task<(HttpClient A, HttpClient B)> ReplicasAsync(string redis)
    {
        var first = Track(ScissionApiFactory.WithRedis(redis, _prefix));
        var second = Track(ScissionApiFactory.WithRedis(redis, _prefix, first.DatabasePath));
        var a = first.CreateClient();
        var b = second.CreateClient();
        await TinyCatalog.SeedAsync(a);
        return (a, b);
    }

    private ScissionApiFactory Track(ScissionApiFactory host)
    {
        _hosts.Add(host);
        return host;
    }

    /// <summary>
    /// Asks new questions on A and then on B until B is served from Redis: reconnection takes the client a
    /// moment after the server is back, so this waits for it (10 s at most) instead of guessing a delay.
    /// </summary>
    private static async Task<string> SharedAgainAsync(HttpClient a, HttpClient b)
    {
        var status = "(none)";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        for (var top = 20; DateTime.UtcNow < deadline; top++)
        {
            await a.GetAsync($"/v1/models/tiny/partitions?top={top}");
            status = PartitionCacheTests.CacheStatusOf(await b.GetAsync($"/v1/models/tiny/partitions?top={top}"));
            if (status == "Scission; hit; detail=redis")
            {
                break;
            }

            await Task.Delay(250);
        }

        return status;
    }

    private static async Task<string> BestAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync())["results"]![0]!["config"]!.GetValue<string>();

    private static async Task WaitUntilRedisIsBackAsync(HttpClient host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var ready = await (await host.GetAsync("/health/ready")).ReadJsonAsync();
            if (ready["checks"]!["redis"]!["status"]!.GetValue<string>() == "Healthy")
            {
                // The cache skips Redis for a short pause after a failure; let it pass.
                await Task.Delay(TimeSpan.FromSeconds(2.5));
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("Redis did not come back within 30 s");
    }
}
