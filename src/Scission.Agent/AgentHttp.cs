namespace Scission.Agent;

/// <summary>HTTP clients for the service and for probes, with the API key on every request when one is given.</summary>
internal static class AgentHttp
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static HttpClient Client(HttpMessageHandler handler, Uri baseAddress, string? apiKey)
    {
        // Relative request paths resolve under the base address only when it ends in '/': a service behind a path
        // prefix (http://gateway/scission/) then keeps it.
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = root, Timeout = TimeSpan.FromMinutes(10) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        return http;
    }

    /// <summary>Whether a file may be written at <paramref name="file"/>: its folder exists (checked before any measuring).</summary>
    public static string? OutputProblem(FileInfo? file) =>
        file is { Directory: { Exists: false } folder } ? $"--output: the folder {folder.FullName} does not exist" : null;

    /// <summary>An absolute http(s) URL, or <c>null</c>.</summary>
    public static Uri? HttpUri(string? text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
