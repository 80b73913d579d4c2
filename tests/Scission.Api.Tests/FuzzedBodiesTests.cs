using System.Net;
using System.Text.Json.Nodes;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>Seeded mutations of valid bodies: whatever arrives, the answer is a 2xx or a 4xx problem, never a 5xx.</summary>
public sealed class FuzzedBodiesTests : ApiTest
{
    private static readonly JsonNode?[] Oddities =
    [
        null, "", "x", "-1", -1, 0, 1e308, -1e-308, long.MaxValue, true, new JsonArray(), new JsonObject(), new JsonArray(null, 1, "a"),
        new JsonObject { ["firstLayer"] = null }, "device", "6700k(GPU)", "!-1", 2147483648L, 0.000001,
    ];

    protected override Task SeedAsync() => TinyCatalog.SeedAsync(Client);

    [Theory]
    [InlineData("PUT", "/v1/resources/fuzz", """{"tier": "edge", "description": "d"}""")]
    [InlineData("PUT", "/v1/networks/default/links/pi/box", """{"latencyMs": 1, "bandwidthMbps": 2}""")]
    [InlineData("PUT", "/v1/models/tiny/benchmarks/box", """{"blocks": [{"firstLayer": 0, "lastLayer": 0, "latencySeconds": 1, "outputBytes": 8}, {"firstLayer": 1, "lastLayer": 1, "latencySeconds": 1, "outputBytes": 8}, {"firstLayer": 2, "lastLayer": 2, "latencySeconds": 1, "outputBytes": 8}, {"firstLayer": 3, "lastLayer": 3, "latencySeconds": 1, "outputBytes": 8}], "repeats": 3, "measuredAt": "2026-01-01T00:00:00Z"}""")]
    [InlineData("POST", "/v1/models/tiny/partitions/search", """{"network": "default", "top": 3, "inputBytes": 10, "stages": [{"tier": "device", "resources": ["pi"], "constraints": {"requiredLayers": [0], "forbiddenLayers": [2], "mustBeUsed": true, "onlyResources": ["pi"], "excludedResources": ["box"], "maxUploadBytes": 100000, "maxComputeSeconds": 5}}, {"tier": "cloud", "constraints": {"maxComputePercent": 50}}]}""")]
    [InlineData("POST", "/v1/models/tiny/benchmark-runs", """{"resource": "box", "repeats": 1, "warmup": 0}""")]
    public async Task MutatedBodiesNeverCauseA5xx(string method, string path, string template)
    {
        var random = new Random(path.Length);
        for (var round = 0; round < 150; round++)
        {
            var body = JsonNode.Parse(template)!;
            for (var mutations = random.Next(1, 4); mutations > 0; mutations--)
            {
                Mutate(body, random);
            }

            var text = body.ToJsonString();
            var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = HttpJson.Json(text) });

            Assert.True((int)response.StatusCode < 500, $"{method} {path} {text} -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Accepted)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    private static void Mutate(JsonNode node, Random random)
    {
        var containers = Flatten(node).Where(n => n is JsonObject { Count: > 0 } or JsonArray { Count: > 0 }).ToList();
        if (containers.Count == 0)
        {
            return;
        }

        var target = containers[random.Next(containers.Count)];
        var replacement = Oddities[random.Next(Oddities.Length)]?.DeepClone();
        if (target is JsonObject obj)
        {
            var key = obj.ElementAt(random.Next(obj.Count)).Key;
            if (random.Next(5) == 0)
            {
                obj.Remove(key);
            }
            else
            {
                obj[key] = replacement;
            }
        }
        else if (target is JsonArray array)
        {
            array[random.Next(array.Count)] = replacement;
        }
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).Where(v => v is not null).SelectMany(v => Flatten(v!)).Prepend(node),
        JsonArray array => array.Where(v => v is not null).SelectMany(v => Flatten(v!)).Prepend(node),
        _ => [node],
    };
}
