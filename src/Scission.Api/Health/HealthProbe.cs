namespace Scission.Api.Health;

/// <summary>
/// <c>Scission.Api healthcheck [url]</c>: asks a running service whether it is live and exits 0 or 1. The
/// container's HEALTHCHECK uses it, since the runtime image carries no curl or wget.
/// </summary>
internal static class HealthProbe
{
    public const string Command = "healthcheck";

    public const string DefaultUrl = "http://127.0.0.1:8080/health/live";

    public static async Task<int> RunAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"{url}: {exception.Message}");
            return 1;
        }
    }
}
