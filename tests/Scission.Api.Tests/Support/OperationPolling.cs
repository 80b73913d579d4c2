using System.Text.Json.Nodes;

namespace Scission.Api.Tests.Support;

/// <summary>Follows a long-running operation until it ends.</summary>
public static class OperationPolling
{
    public static async Task<JsonNode> FinishedAsync(HttpClient client, string location, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var operation = await (await client.GetAsync(location)).ReadJsonAsync();
            if (operation["status"]!.GetValue<string>() is "succeeded" or "failed")
            {
                return operation;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{location} did not finish within {within}");
    }
}
