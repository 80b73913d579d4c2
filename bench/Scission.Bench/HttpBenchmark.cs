using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Scission.Infrastructure.Datasets;

namespace Scission.Bench;

/// <summary>
/// Latency and throughput of the service over real HTTP: <c>/health/live</c> as a floor, a cached partition
/// query, partition queries that miss the cache every time (another input size, or another criteria string, on
/// every request: misses that share the stored inputs). Starts the service on SQLite or PostgreSQL unless given
/// a URL.
/// </summary>
internal static class HttpBenchmark
{
    public static Command Command()
    {
        var url = new Option<string?>("--url") { Description = "a running service; omitted: start one on a free port with a fresh database" };
        var path = new Option<DirectoryInfo>("--path") { Required = true, Description = "the scission-ucc2020 data set folder" };
        var model = new Option<string>("--model") { DefaultValueFactory = _ => "vgg19" };
        var seconds = new Option<double>("--seconds") { DefaultValueFactory = _ => 5 };
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 8 };
        var store = new Option<string>("--store") { DefaultValueFactory = _ => "sqlite", Description = "the store of the service it starts: sqlite, or postgres (a fresh database on the server --postgres names)" };
        store.AcceptOnlyFromAmong("sqlite", "postgres");
        var postgres = new Option<string?>("--postgres")
        {
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SCISSION_POSTGRES"),
            Description = "connection string to a PostgreSQL server's maintenance database (default: $SCISSION_POSTGRES)",
        };
        var command = new Command("http", "time the service over HTTP") { url, path, model, seconds, concurrency, store, postgres };
        command.SetAction(parse => RunAsync(
            parse.GetValue(url),
            parse.GetValue(path)!,
            parse.GetValue(model)!,
            parse.GetValue(seconds),
            parse.GetValue(concurrency),
            parse.GetValue(store)!,
            parse.GetValue(postgres)));
        return command;
    }

    private static async Task<int> RunAsync(string? url, DirectoryInfo path, string model, double seconds, int concurrency, string store, string? postgres)
    {
        if (url is null && store == "postgres" && postgres is null)
        {
            Console.Error.WriteLine("--store postgres needs --postgres or SCISSION_POSTGRES");
            return 2;
        }

        await using var database = url is null && store == "postgres" ? await BenchDatabase.CreateAsync(postgres!) : null;
        using var service = url is null ? ServiceProcess.Start(database?.ConnectionString) : null;
        var baseAddress = new Uri(url ?? service!.Url);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = baseAddress };
        await WaitUntilLiveAsync(client);
        await DatasetUpload.LoadAsync(client, ScissionDataset.Load(path.FullName), path.FullName, model);

        var cachedPath = $"/v1/models/{model}/partitions?top=5";
        (await client.GetAsync(cachedPath)).EnsureSuccessStatusCode();
        var unique = 0L;
        var health = await MeasureAsync(client, _ => "/health/live", seconds, concurrency);
        var cached = await MeasureAsync(client, _ => cachedPath, seconds, concurrency);
        // A distinct input size per request gives a distinct key, so every one of these is computed.
        var uncached = await MeasureAsync(client, _ => string.Create(CultureInfo.InvariantCulture, $"/v1/models/{model}/partitions?top=5&inputMB={0.15 + (Interlocked.Increment(ref unique) * 1e-6):R}"), seconds, concurrency);
        // Another criteria string each time (a time limit too generous to bind): a miss whose stored inputs are
        // those of every other request, which the service keeps compiled per revision.
        var criteria = await MeasureAsync(client, _ => string.Create(CultureInfo.InvariantCulture, $"/v1/models/{model}/partitions?top=5&edgeTime={1000 + Interlocked.Increment(ref unique)}"), seconds, concurrency);

        Console.WriteLine($"store: {(url is null ? store : "as given")}");
        Console.WriteLine($"{"route",-12} {"median ms",10} {"p99 ms",10} {"req/s",10} {"x health",10}");
        foreach (var (name, result) in new[] { ("health", health), ("cached", cached), ("uncached", uncached), ("criteria", criteria) })
        {
            Console.WriteLine($"{name,-12} {result.MedianMs,10:F3} {result.P99Ms,10:F3} {result.RequestsPerSecond,10:F0} {result.RequestsPerSecond / health.RequestsPerSecond,10:F2}");
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "http",
            store = url is null ? store : "as given",
            model,
            concurrency,
            seconds,
            health,
            cached,
            uncached,
            criteria,
            cachedToHealthRatio = Math.Round(cached.RequestsPerSecond / health.RequestsPerSecond, 3),
            uncachedToHealthRatio = Math.Round(uncached.RequestsPerSecond / health.RequestsPerSecond, 3),
            criteriaToHealthRatio = Math.Round(criteria.RequestsPerSecond / health.RequestsPerSecond, 3),
        }));
        return 0;
    }

    private static async Task<HttpResult> MeasureAsync(HttpClient client, Func<int, string> path, double seconds, int concurrency)
    {
        // Warm up the route, then run closed-loop workers for a fixed time.
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync(path(i))).EnsureSuccessStatusCode();
        }

        var samples = new List<double>[concurrency];
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = samples[w] = [];
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path(w));
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        await Task.WhenAll(workers);
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = samples.SelectMany(s => s).Order().ToList();
        return new HttpResult(all.Count, Math.Round(Timing.Percentile(all, 0.5), 3), Math.Round(Timing.Percentile(all, 0.99), 3), Math.Round(all.Count / elapsed, 1));
    }

    private static async Task WaitUntilLiveAsync(HttpClient client)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await client.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the service did not come up");
    }
}

internal sealed record HttpResult(int Requests, double MedianMs, double P99Ms, double RequestsPerSecond);
