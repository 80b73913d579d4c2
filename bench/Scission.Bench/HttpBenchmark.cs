using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scission.Infrastructure.Datasets;

namespace Scission.Bench;

/// <summary>
/// Latency and throughput of the service over real HTTP: <c>/health/live</c> as a floor, a cached partition
/// query, and partition queries that miss the cache every time. Starts the service unless given a URL.
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
        var command = new Command("http", "time the service over HTTP") { url, path, model, seconds, concurrency };
        command.SetAction(parse => RunAsync(parse.GetValue(url), parse.GetValue(path)!, parse.GetValue(model)!, parse.GetValue(seconds), parse.GetValue(concurrency)));
        return command;
    }

    private static async Task<int> RunAsync(string? url, DirectoryInfo path, string model, double seconds, int concurrency)
    {
        using var service = url is null ? ServiceProcess.Start() : null;
        var baseAddress = new Uri(url ?? service!.Url);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = baseAddress };
        await WaitUntilLiveAsync(client);
        await LoadAsync(client, ScissionDataset.Load(path.FullName), path.FullName, model);

        var cachedPath = $"/v1/models/{model}/partitions?top=5";
        (await client.GetAsync(cachedPath)).EnsureSuccessStatusCode();
        var unique = 0L;
        var health = await MeasureAsync(client, _ => "/health/live", seconds, concurrency);
        var cached = await MeasureAsync(client, _ => cachedPath, seconds, concurrency);
        // A distinct input size per request gives a distinct key, so every one of these is computed.
        var uncached = await MeasureAsync(client, _ => string.Create(CultureInfo.InvariantCulture, $"/v1/models/{model}/partitions?top=5&inputMB={0.15 + (Interlocked.Increment(ref unique) * 1e-6):R}"), seconds, concurrency);

        Console.WriteLine($"{"route",-12} {"median ms",10} {"p99 ms",10} {"req/s",10}");
        foreach (var (name, result) in new[] { ("health", health), ("cached", cached), ("uncached", uncached) })
        {
            Console.WriteLine($"{name,-12} {result.MedianMs,10:F3} {result.P99Ms,10:F3} {result.RequestsPerSecond,10:F0}");
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "http",
            model,
            concurrency,
            seconds,
            health,
            cached,
            uncached,
            cachedToHealthRatio = Math.Round(cached.RequestsPerSecond / health.RequestsPerSecond, 3),
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

    private static async Task LoadAsync(HttpClient client, ScissionDataset dataset, string directory, string model)
    {
        foreach (var resource in dataset.Resources)
        {
            (await client.PutAsJsonAsync($"/v1/resources/{Uri.EscapeDataString(resource.Name)}", new { tier = resource.Tier.ToString().ToLowerInvariant() })).EnsureSuccessStatusCode();
        }

        (await client.PutAsJsonAsync($"/v1/models/{model}", new { description = "bench" })).EnsureSuccessStatusCode();
        foreach (var resource in dataset.Resources)
        {
            (await client.PutAsJsonAsync($"/v1/models/{model}/benchmarks/{Uri.EscapeDataString(resource.Name)}", new { blocks = dataset.Blocks(model, resource.Name) })).EnsureSuccessStatusCode();
        }

        var csv = await File.ReadAllTextAsync(Path.Combine(directory, "network_stats.csv"));
        (await client.PostAsync("/v1/networks/default/links/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
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
