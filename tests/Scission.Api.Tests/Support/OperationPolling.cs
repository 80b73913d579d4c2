using System.Text.Json.Nodes;

namespace Scission.Api.Tests.Support;

/// <summary>Follows a long-running operation until it ends.</summary>
public static class OperationPolling
{
    /// <summary>Polls until the operation ends; every progress text seen on the way is added to <paramref name="progress"/>.</summary>
    public static async Task<JsonNode> FinishedAsync(HttpClient client, string location, TimeSpan within, ICollection<string>? progress = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var operation = await (await client.GetAsync(location)).ReadJsonAsync();
            if (operation["status"]!.GetValue<string>() is "succeeded" or "failed")
            {
                return operation;
            }

            if (operation["progress"]?.GetValue<string>() is { } text)
            {
                progress?.Add(text);
            }

            await Task.Delay(progress is null ? 100 : 20);
        }

        throw new TimeoutException($"{location} did not finish within {within}");
    }
}
