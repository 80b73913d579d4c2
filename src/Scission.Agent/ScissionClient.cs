using System.Net.Http.Json;
using Scission.Contracts;

namespace Scission.Agent;

/// <summary>The few calls the agent makes to the service, typed by the contract the service documents.</summary>
internal sealed class ScissionClient(HttpClient http)
{
    /// <summary>The model, or <c>null</c> when the service does not know it; any other refusal throws.</summary>
    public async Task<ModelResponse?> GetModelAsync(string model, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(ModelPath(model), cancellationToken);
        return await FoundAsync(response, cancellationToken) ? await response.Content.ReadFromJsonAsync(AgentJson.Default.ModelResponse, cancellationToken) : null;
    }

    /// <summary>The model's ONNX file, or <c>null</c> when it has none; any other refusal throws.</summary>
    public async Task<byte[]?> GetModelFileAsync(string model, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(ModelPath(model) + "/file", cancellationToken);
        return await FoundAsync(response, cancellationToken) ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
    }

    /// <summary>True for a success, false for 404; a 401, 429 or 5xx is no answer about the model, so it throws.</summary>
    private static async Task<bool> FoundAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.IsSuccessStatusCode
        || (response.StatusCode != System.Net.HttpStatusCode.NotFound
            ? throw new HttpRequestException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode)
            : false);

    public Task<Reply> PutBenchmarkAsync(string model, string resource, BenchmarkBody body, CancellationToken cancellationToken) =>
        PutAsync($"{ModelPath(model)}/benchmarks/{Uri.EscapeDataString(resource)}", JsonContent.Create(body, AgentJson.Default.BenchmarkBody), cancellationToken);

    /// <summary>Whether the service has the resource registered; any refusal but 404 throws.</summary>
    public async Task<bool> HasResourceAsync(string resource, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"v1/resources/{Uri.EscapeDataString(resource)}", cancellationToken);
        return await FoundAsync(response, cancellationToken);
    }

    public Task<Reply> PutLinkAsync(string network, string source, string destination, LinkBody body, CancellationToken cancellationToken) =>
        PutAsync($"v1/networks/{Uri.EscapeDataString(network)}/links/{Uri.EscapeDataString(source)}/{Uri.EscapeDataString(destination)}", JsonContent.Create(body, AgentJson.Default.LinkBody), cancellationToken);

    // Relative, so a base address with a path prefix keeps it.
    private static string ModelPath(string model) => $"v1/models/{Uri.EscapeDataString(model)}";

    private async Task<Reply> PutAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsync(path, content, cancellationToken);
        return new Reply(path, response.IsSuccessStatusCode, (int)response.StatusCode, response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>What the service answered to a write: the problem text when it refused.</summary>
    public sealed record Reply(string Path, bool Succeeded, int Status, string Problem);
}
