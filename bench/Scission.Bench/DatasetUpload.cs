using System.CommandLine;
using System.Net.Http.Json;
using System.Text;
using Scission.Infrastructure.Datasets;

namespace Scission.Bench;

/// <summary>
/// Registers the original data set in a running service through its public routes: the five machines, the
/// models' benchmarks, and both networks (<c>default</c> from network_stats.csv, <c>wired</c> from
/// network_stats_wired.csv). The <c>load</c> command, for examples and hands-on use.
/// </summary>
internal static class DatasetUpload
{
    public static Command Command()
    {
        var path = new Option<DirectoryInfo>("--path") { Required = true, Description = "the scission-ucc2020 data set folder" };
        var url = new Option<string>("--url") { DefaultValueFactory = _ => "http://127.0.0.1:8080", Description = "the service" };
        var models = new Option<string?>("--models") { Description = "comma-separated models (default: all 18)" };
        var apiKey = new Option<string?>("--api-key") { Description = "sent as X-Api-Key" };
        var command = new Command("load", "register the original data set in a running service") { path, url, models, apiKey };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataset = ScissionDataset.Load(parse.GetValue(path)!.FullName);
            using var client = new HttpClient { BaseAddress = new Uri(parse.GetValue(url)!) };
            if (parse.GetValue(apiKey) is { } key)
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", key);
            }

            var names = parse.GetValue(models)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. dataset.ModelNames];
            await LoadAsync(client, dataset, parse.GetValue(path)!.FullName, names);
            Console.WriteLine($"registered {dataset.Resources.Count} machines, {names.Length} models and the default and wired networks at {client.BaseAddress}");
            return 0;
        });
        return command;
    }

    public static async Task LoadAsync(HttpClient client, ScissionDataset dataset, string directory, params string[] models)
    {
        foreach (var resource in dataset.Resources)
        {
            (await client.PutAsJsonAsync($"/v1/resources/{Uri.EscapeDataString(resource.Name)}", new { tier = resource.Tier.ToString().ToLowerInvariant() })).EnsureSuccessStatusCode();
        }

        foreach (var model in models)
        {
            (await client.PutAsJsonAsync($"/v1/models/{model}", new { description = "Scission UCC 2020 data" })).EnsureSuccessStatusCode();
            foreach (var resource in dataset.Resources)
            {
                (await client.PutAsJsonAsync($"/v1/models/{model}/benchmarks/{Uri.EscapeDataString(resource.Name)}", new { blocks = dataset.Blocks(model, resource.Name) })).EnsureSuccessStatusCode();
            }
        }

        foreach (var (network, file) in new[] { ("default", "network_stats.csv"), ("wired", "network_stats_wired.csv") })
        {
            var csv = await File.ReadAllTextAsync(Path.Combine(directory, file));
            (await client.PostAsync($"/v1/networks/{network}/links/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        }
    }
}
