using System.Net;
using Npgsql;
using Scission.Api.Tests.Onnx;
using Scission.Api.Tests.Support;
using Scission.Testing;

namespace Scission.Api.Tests.Store;

/// <summary>
/// Several service processes behind one PostgreSQL database and one Redis, as an operator runs them behind a load
/// balancer: what one accepts, the others see at once, and no replica answers from a stale cache.
/// </summary>
public sealed class ReplicaTests
{
    [ReplicasFact]
    public async Task AWriteThroughAnyReplicaIsSeenByTheOthersAtOnceAndNoCachedAnswerGoesStale()
    {
        await using var replicas = await Replicas.StartAsync(3);
        var (a, b, c) = (replicas.Clients[0], replicas.Clients[1], replicas.Clients[2]);
        await TinyCatalog.SeedAsync(a);
        const string query = "/v1/models/tiny/partitions?network=default&top=3";

        var before = await (await b.GetAsync(query)).Content.ReadAsStringAsync();
        var cached = await c.GetAsync(query);
        Assert.DoesNotContain("fwd=miss", cached.Headers.GetValues("Cache-Status").Single(), StringComparison.Ordinal);
        Assert.Equal(before, await cached.Content.ReadAsStringAsync());

        // The device gets a hundred times faster: through the third replica, then asked at once of the other two.
        await TinyCatalog.BenchmarkAsync(c, "pi", 0.01);
        var afterOnA = await (await a.GetAsync(query)).Content.ReadAsStringAsync();
        var afterOnB = await (await b.GetAsync(query)).Content.ReadAsStringAsync();
        Assert.NotEqual(before, afterOnA);
        Assert.Equal(afterOnA, afterOnB);
        Assert.Equal(0.01, (await (await b.GetAsync("/v1/models/tiny/benchmarks/pi")).ReadJsonAsync())["blocks"]![0]!["latencySeconds"]!.GetValue<double>());

        (await c.DeleteAsync("/v1/resources/gpu?force=true")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync("/v1/resources/gpu")).StatusCode);
        var withoutGpu = await (await b.GetAsync(query)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"gpu\"", withoutGpu, StringComparison.Ordinal);
    }

    [ReplicasFact]
    public async Task OfTwoReplicasRacingToStoreAModelsFirstBenchmarksWithDifferentLayoutsExactlyOneWins()
    {
        await using var replicas = await Replicas.StartAsync(2);
        var (a, b) = (replicas.Clients[0], replicas.Clients[1]);
        foreach (var (name, tier) in new[] { ("pi", "device"), ("box", "edge") })
        {
            (await a.PutJsonAsync($"/v1/resources/{name}", new { tier })).EnsureSuccessStatusCode();
        }

        for (var round = 0; round < 6; round++)
        {
            var model = $"raced{round}";
            (await a.PutJsonAsync($"/v1/models/{model}", new { })).EnsureSuccessStatusCode();
            var answers = await Task.WhenAll(
                a.PutJsonAsync($"/v1/models/{model}/benchmarks/pi", new { blocks = Blocks(3) }),
                b.PutJsonAsync($"/v1/models/{model}/benchmarks/box", new { blocks = Blocks(4) }));

            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(r => r.StatusCode).Order());
            var winner = answers.Single(r => r.StatusCode == HttpStatusCode.Created);
            var layout = (await (await b.GetAsync($"/v1/models/{model}")).ReadJsonAsync())["layout"]!.AsArray();
            Assert.Equal(winner == answers[0] ? 3 : 4, layout.Count);
            await answers.Single(r => r.StatusCode == HttpStatusCode.Conflict).AssertProblemAsync(HttpStatusCode.Conflict);
        }
    }

    [ReplicasFact]
    public async Task TwoReplicasStartingAtOnceOnAnEmptyDatabaseBothComeUpAndTheSchemaIsAppliedOnce()
    {
        await using var replicas = await Replicas.StartAsync(2);
        await using var connection = new NpgsqlConnection(replicas.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version", connection);
        var rows = new List<(int Version, long Count)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt32(0), reader.GetInt64(1)));
            }
        }

        // Every migration the engine has, each recorded once.
        await using var engine = new Scission.Infrastructure.Storage.PostgresStoreDatabase(replicas.ConnectionString);
        Assert.Equal(engine.Migrations.Select(m => (m.Version, 1L)), rows);
        foreach (var client in replicas.Clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
    }

    [ReplicasFact]
    public async Task AWriteBasedOnAStaleETagIsRefusedWith412WhicheverReplicaTakesIt()
    {
        await using var replicas = await Replicas.StartAsync(3);
        var (a, b, c) = (replicas.Clients[0], replicas.Clients[1], replicas.Clients[2]);
        (await a.PutJsonAsync("/v1/resources/pi", new { tier = "device", description = "v1" })).EnsureSuccessStatusCode();
        var read = await a.GetAsync("/v1/resources/pi");
        var stale = read.Headers.ETag!;

        var moved = await b.PutJsonAsync("/v1/resources/pi", new { tier = "device", description = "v2" });
        Assert.NotEqual(stale, moved.Headers.ETag);

        await (await c.SendIfMatchAsync(HttpMethod.Put, "/v1/resources/pi", stale.ToString(), new { tier = "device", description = "v3" })).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await a.SendIfMatchAsync(HttpMethod.Delete, "/v1/resources/pi", stale.ToString())).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("v2", (await (await b.GetAsync("/v1/resources/pi")).ReadJsonAsync())["description"]!.GetValue<string>());

        var current = (await c.GetAsync("/v1/resources/pi")).Headers.ETag!;
        Assert.Equal(moved.Headers.ETag, current);
        Assert.Equal(HttpStatusCode.OK, (await a.SendIfMatchAsync(HttpMethod.Put, "/v1/resources/pi", current.ToString(), new { tier = "device", description = "v3" })).StatusCode);
    }

    [ReplicasFact]
    public async Task ARunAcceptedByOneReplicaIsReportedByAnother()
    {
        await using var replicas = await Replicas.StartAsync(2);
        var (a, b) = (replicas.Clients[0], replicas.Clients[1]);
        (await a.PutJsonAsync("/v1/resources/self", new { tier = "edge" })).EnsureSuccessStatusCode();
        var toy = OnnxModelBuilder.Topologies().Single(t => t.Name == "densenet-concat").Model;
        (await a.PutAsync("/v1/models/toy", OnnxModelsApiTests.Onnx(toy))).EnsureSuccessStatusCode();

        var accepted = await a.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "self", "repeats": 2, "warmup": 0}"""));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var operation = await OperationPolling.FinishedAsync(b, accepted.Headers.Location!.OriginalString, TimeSpan.FromSeconds(60));

        Assert.Equal("succeeded", operation["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync(operation["resultHref"]!.GetValue<string>())).StatusCode);
    }

    private static object[] Blocks(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new { firstLayer = i, lastLayer = i, latencySeconds = 0.01, outputBytes = 1000 })];

    /// <summary>N service processes on one fresh database and one Redis key prefix, started together.</summary>
    private sealed class Replicas : IAsyncDisposable
    {
        private readonly TemporaryDatabase _database;
        private readonly ServiceProcess[] _processes;

        private Replicas(TemporaryDatabase database, ServiceProcess[] processes)
        {
            _database = database;
            _processes = processes;
            Clients = [.. processes.Select(p => p.Client())];
        }

        public IReadOnlyList<HttpClient> Clients { get; }

        public string ConnectionString => _database.ConnectionString;

        public static async Task<Replicas> StartAsync(int count)
        {
            var database = await PostgresServer.CreateDatabaseAsync();
            var settings = new Dictionary<string, string>
            {
                ["ConnectionStrings:Postgres"] = database.ConnectionString,
                ["ConnectionStrings:Redis"] = RedisServer.SharedAddress!,
                ["Cache:RedisInstanceName"] = $"replicas-{Guid.NewGuid():N}:",
            };
            var starting = Enumerable.Range(0, count).Select(_ => ServiceProcess.StartAsync(null, settings)).ToArray();
            try
            {
                return new Replicas(database, await Task.WhenAll(starting));
            }
            catch
            {
                foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
                {
                    started.Result.Dispose();
                }

                await database.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in Clients)
            {
                client.Dispose();
            }

            foreach (var process in _processes)
            {
                process.Dispose();
            }

            await _database.DisposeAsync();
        }
    }
}

/// <summary>A fact that needs the PostgreSQL and Redis servers CI started; reported as skipped where either is missing.</summary>
public sealed class ReplicasFactAttribute : FactAttribute
{
    public ReplicasFactAttribute()
    {
        if (PostgresServer.ConnectionString is null)
        {
            Skip = PostgresServer.MissingReason;
        }
        else if (RedisServer.SharedAddress is null)
        {
            Skip = $"{RedisServer.AddressVariable} is not set to a running Redis";
        }
    }
}
