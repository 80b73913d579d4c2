namespace Scission.Api.Tests.Support;

/// <summary>A small catalogue: pi (device), box (edge), gpu (cloud), linked; model <c>tiny</c> with four blocks on each.</summary>
public static class TinyCatalog
{
    public static async Task SeedAsync(HttpClient client)
    {
        foreach (var (name, tier) in new[] { ("pi", "device"), ("box", "edge"), ("gpu", "cloud") })
        {
            (await client.PutJsonAsync($"/v1/resources/{name}", new { tier })).EnsureSuccessStatusCode();
        }

        await LinkAsync(client, "default", "pi", "box", 10, 8);
        await LinkAsync(client, "default", "pi", "gpu", 50, 8);
        await LinkAsync(client, "default", "box", "gpu", 5, 80);
        (await client.PutJsonAsync("/v1/models/tiny", new { })).EnsureSuccessStatusCode();
        foreach (var (resource, seconds) in new[] { ("pi", 1.0), ("box", 0.25), ("gpu", 0.0625) })
        {
            await BenchmarkAsync(client, resource, seconds);
        }
    }

    public static async Task LinkAsync(HttpClient client, string network, string source, string destination, double latencyMs, double bandwidthMbps) =>
        (await client.PutJsonAsync($"/v1/networks/{network}/links/{source}/{destination}", new { latencyMs, bandwidthMbps })).EnsureSuccessStatusCode();

    /// <summary>Every block of <c>tiny</c> takes <paramref name="seconds"/> on <paramref name="resource"/>.</summary>
    public static async Task BenchmarkAsync(HttpClient client, string resource, double seconds)
    {
        var blocks = Enumerable.Range(0, 4).Select(b => new { firstLayer = b, lastLayer = b, latencySeconds = seconds, outputBytes = 1_000_000 >> b });
        (await client.PutJsonAsync($"/v1/models/tiny/benchmarks/{resource}", new { blocks })).EnsureSuccessStatusCode();
    }
}
