using System.Text;
using Scission.Testing;

namespace Scission.Api.Tests.Support;

/// <summary>Loads the shared data set into a running service through its public routes only.</summary>
public static class DatasetLoader
{
    public static async Task LoadAsync(HttpClient client, params string[] models)
    {
        var dataset = SharedDataset.Value;
        foreach (var resource in dataset.Resources)
        {
            (await client.PutJsonAsync($"/v1/resources/{Uri.EscapeDataString(resource.Name)}", new { tier = resource.Tier.ToString().ToLowerInvariant() })).EnsureSuccessStatusCode();
        }

        foreach (var model in models)
        {
            (await client.PutJsonAsync($"/v1/models/{model}", new { description = "Scission UCC 2020 data" })).EnsureSuccessStatusCode();
            foreach (var resource in dataset.Resources)
            {
                var blocks = dataset.Blocks(model, resource.Name);
                (await client.PutJsonAsync($"/v1/models/{model}/benchmarks/{Uri.EscapeDataString(resource.Name)}", new { blocks })).EnsureSuccessStatusCode();
            }
        }

        await ImportAsync(client, "default", "network_stats.csv");
        await ImportAsync(client, "wired", "network_stats_wired.csv");
    }

    private static async Task ImportAsync(HttpClient client, string network, string file)
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(SharedDataset.Directory!, file));
        (await client.PostAsync($"/v1/networks/{network}/links/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
    }
}
