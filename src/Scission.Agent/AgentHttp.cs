namespace Scission.Agent;

/// <summary>HTTP clients for the service and for probes, with the API key on every request when one is given.</summary>
internal static class AgentHttp
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static HttpClient Client(HttpMessageHandler handler, Uri baseAddress, string? apiKey)
    {
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        return http;
    }

    /// <summary>An absolute http(s) URL, or <c>null</c>.</summary>
    public static Uri? HttpUri(string? text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
