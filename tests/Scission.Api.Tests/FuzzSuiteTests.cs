using System.Text;
using System.Text.Json.Nodes;
using Scission.Api.Tests.Support;
using Scission.Testing;

namespace Scission.Api.Tests;

/// <summary>
/// Generated requests across every route and method with a fixed seed: odd names, wrong and missing content
/// types, wrong JSON types, missing and extra fields, absurd numbers, malformed criteria and CSV, random and
/// truncated bytes as ONNX, oversized bodies. Every answer is a success or a 4xx problem (a busy 503 must say
/// when to come back), never a fault, never a stack trace; and a refused write leaves the store as it was.
/// </summary>
[Collection(nameof(Agent.TimingCollection))]
public sealed class FuzzSuiteTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Requests = 10_000;
    private static readonly byte[] Toy = OnnxModelBuilder.Topologies().Single(t => t.Name == "inception-branches").Model;

    private static readonly string[] Names =
    [
        "pi", "box", "gpu", "tiny", "toy", "default", "wifi", "new-one", "6700k(GPU)", "", " ", "..", "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e", "a%01b", "a%20b", "名前", "😀", "CON", new string('n', 300), "x;DROP TABLE models", "-1", "%25",
    ];

    private static readonly string[] Criteria = ["", "!-1", "-1", "3,,4", "!", "0,1,2", "99999999999", "pi", "!gpu", "50%", "1e400", "a b", "%", "!-1,!-1"];

    private static readonly JsonNode?[] Oddities =
    [
        null, "", "x", -1, 0, 1e308, -1e-308, long.MaxValue, true, new JsonArray(), new JsonObject(), new JsonArray(null, 1, "a"),
        "NaN", "Infinity", "device", "!-1", 2147483648L, 1e13, new string('z', 5000),
    ];

    private static readonly (string Method, string Path, string Json)[] Routes =
    [
        ("PUT", "/v1/resources/{n}", """{"tier": "edge", "description": "d"}"""),
        ("GET", "/v1/resources/{n}", ""),
        ("DELETE", "/v1/resources/{n}", ""),
        ("GET", "/v1/resources", ""),
        ("GET", "/v1/networks", ""),
        ("GET", "/v1/networks/{n}/links", ""),
        ("PUT", "/v1/networks/{n}/links/{n}/{n}", """{"latencyMs": 1, "bandwidthMbps": 2}"""),
        ("DELETE", "/v1/networks/{n}/links/{n}/{n}", ""),
        ("DELETE", "/v1/networks/{n}", ""),
        ("POST", "/v1/networks/{n}/links/import", ""),
        ("GET", "/v1/models", ""),
        ("GET", "/v1/models/{n}", ""),
        ("PUT", "/v1/models/{n}", """{"description": "m"}"""),
        ("DELETE", "/v1/models/{n}", ""),
        ("PUT", "/v1/models/{n}/file", ""),
        ("GET", "/v1/models/{n}/file", ""),
        ("GET", "/v1/models/{n}/segments/{r}", ""),
        ("GET", "/v1/models/{n}/benchmarks", ""),
        ("GET", "/v1/models/{n}/benchmarks/{n}", ""),
        ("PUT", "/v1/models/{n}/benchmarks/{n}", """{"blocks": [{"firstLayer": 0, "lastLayer": 0, "latencySeconds": 1, "outputBytes": 8}, {"firstLayer": 1, "lastLayer": 1, "latencySeconds": 1, "outputBytes": 8}, {"firstLayer": 2, "lastLayer": 2, "latencySeconds": 1, "outputBytes": 8}, {"firstLayer": 3, "lastLayer": 3, "latencySeconds": 1, "outputBytes": 8}], "repeats": 3, "statistic": "median"}"""),
        ("DELETE", "/v1/models/{n}/benchmarks/{n}", ""),
        ("GET", "/v1/models/{n}/partitions", ""),
        ("POST", "/v1/models/{n}/partitions/search", """{"network": "default", "top": 3, "inputBytes": 10, "stages": [{"tier": "device", "resources": ["pi"], "constraints": {"requiredLayers": [0], "mustBeUsed": true, "maxUploadBytes": 100000, "maxComputeSeconds": 5}}, {"tier": "cloud", "constraints": {"maxComputePercent": 50}}]}"""),
        ("GET", "/v1/operations/{n}", ""),
        ("GET", "/health/live", ""),
        ("GET", "/health/ready", ""),
    ];

    private readonly ScissionApiFactory _factory = new(settings: new Dictionary<string, string>
    {
        ["Limits:MaxJsonBodyBytes"] = "65536",
        ["Limits:MaxCsvBytes"] = "65536",
        ["Onnx:MaxUploadBytes"] = "1048576",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TenThousandGeneratedRequestsGetSuccessesOr4xxProblemsAndRefusedWritesChangeNothing()
    {
        var client = _factory.CreateClient();
        await TinyCatalog.SeedAsync(client);
        (await client.PutAsync("/v1/models/toy", new ByteArrayContent(Toy) { Headers = { ContentType = new("application/octet-stream") } })).EnsureSuccessStatusCode();
        var random = new Random(20_201_207);
        var answered = new Dictionary<int, int>();
        for (var n = 0; n < Requests; n++)
        {
            var (method, path, template) = Routes[random.Next(Routes.Length)];
            if (random.Next(20) == 0)
            {
                method = new[] { "PATCH", "POST", "PUT", "DELETE", "OPTIONS" }[random.Next(5)];
            }

            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path, random) + Query(path, random)) { Content = Body(path, template, random) };
            var write = method is "PUT" or "DELETE" or "POST" && !path.EndsWith("/search", StringComparison.Ordinal);
            var before = write ? StoreDigest.Of(_factory.DatabasePath) : null;
            var bodyText = request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync());

            using var response = await client.SendAsync(request);

            var status = (int)response.StatusCode;
            answered[status] = answered.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            var context = $"#{n}: {method} {request.RequestUri} [{request.Content?.Headers.ContentType}] {Shorten(bodyText)} -> {status}: {Shorten(text)}";
            Assert.True(status < 500 || (status == 503 && response.Headers.RetryAfter is not null), context);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            if (status >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", context);
                if (before is not null)
                {
                    Assert.True(before == StoreDigest.Of(_factory.DatabasePath), $"a refused write changed the store: {context}");
                }
            }
        }

        // Server-side runs last: once accepted, they change the store in the background, so no digest here.
        const string run = """{"resource": "box", "repeats": 1, "warmup": 0}""";
        for (var n = 0; n < 400; n++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Fill("/v1/models/{n}/benchmark-runs", random)) { Content = Body("/v1/models/{n}/benchmark-runs", run, random) };
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            answered[status] = answered.GetValueOrDefault(status) + 1;
            var context = $"run #{n}: {request.RequestUri} -> {status}: {Shorten(await response.Content.ReadAsStringAsync())}";
            Assert.True(status < 500 || (status == 503 && response.Headers.RetryAfter is not null), context);
            Assert.True(status < 400 || response.Content.Headers.ContentType?.MediaType == "application/problem+json", context);
        }

        Assert.True(answered.GetValueOrDefault(202) > 0, "no benchmark run was ever accepted: the fuzz never reached the run queue");
        output.WriteLine(string.Join(", ", answered.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}")));

        // The generator must reach both outcomes often, or it tests little.
        Assert.True(answered.Where(a => a.Key < 300).Sum(a => a.Value) > Requests / 10, string.Join(", ", answered.Select(a => $"{a.Key}: {a.Value}")));
        Assert.True(answered.Where(a => a.Key >= 400).Sum(a => a.Value) > Requests / 4, string.Join(", ", answered.Select(a => $"{a.Key}: {a.Value}")));
    }

    private static string Fill(string template, Random random)
    {
        var path = template.Replace("{r}", random.Next(4) switch { 0 => "0-0", 1 => "1-5", 2 => "5-1", _ => Names[random.Next(Names.Length)] }, StringComparison.Ordinal);
        while (path.Contains("{n}", StringComparison.Ordinal))
        {
            // Mostly names that exist, so requests reach the code that does the work.
            var name = random.Next(3) == 0 ? Names[random.Next(Names.Length)] : Names[random.Next(8)];
            var at = path.IndexOf("{n}", StringComparison.Ordinal);
            path = path[..at] + (name.Contains('%', StringComparison.Ordinal) ? name : Uri.EscapeDataString(name)) + path[(at + 3)..];
        }

        return path;
    }

    private static string Query(string path, Random random)
    {
        if (!path.EndsWith("/partitions", StringComparison.Ordinal) && random.Next(10) != 0)
        {
            return "";
        }

        string[] keys = ["top", "device", "edge", "cloud", "deviceTime", "cloudTime", "inputMB", "deviceUploadMB", "network", "dims", "unknown"];
        string[] values = ["1", "0", "-3", "1001", "NaN", "1e400", "5%", "150%", "0.1", "abc", .. Criteria];
        return "?" + string.Join('&', Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"{keys[random.Next(keys.Length)]}={Uri.EscapeDataString(values[random.Next(values.Length)])}"));
    }

    private static HttpContent? Body(string path, string template, Random random)
    {
        var kind = random.Next(12);
        if (path.EndsWith("/import", StringComparison.Ordinal) && kind < 8)
        {
            return Content(Csv(random), random.Next(6) == 0 ? "text/plain" : "text/csv");
        }

        if ((path.EndsWith("/file", StringComparison.Ordinal) || (path == "/v1/models/{n}" && kind == 0)) && kind < 8)
        {
            return new ByteArrayContent(Onnx(random)) { Headers = { ContentType = new("application/octet-stream") } };
        }

        return kind switch
        {
            0 => null,
            1 => Content(Encoding.UTF8.GetBytes(template), random.Next(2) == 0 ? "text/plain" : "application/xml"),
            2 => Content([.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => (byte)random.Next(256))], "application/json"),
            3 => Content(Encoding.UTF8.GetBytes(template[..random.Next(template.Length + 1)]), "application/json"),
            4 => Content(Encoding.UTF8.GetBytes($$"""{"description": "{{new string('x', 70_000)}}"}"""), "application/json"),
            5 => Content(Encoding.UTF8.GetBytes(Oddities[random.Next(Oddities.Length)]?.ToJsonString() ?? "null"), "application/json"),
            _ => Content(Encoding.UTF8.GetBytes(Mutated(template, random)), "application/json"),
        };
    }

    private static byte[] Csv(Random random)
    {
        var lines = new List<string> { random.Next(8) == 0 ? "from,to,ms,mbps" : "source,destination,ping(ms),bandwidth(mbps)" };
        string[] cells = ["pi", "box", "gpu", "ghost", "", "1", "-1", "NaN", "1e13", "0.000001", "8", "a b", "\"q\""];
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            lines.Add(string.Join(',', Enumerable.Range(0, random.Next(2, 6)).Select(_ => cells[random.Next(cells.Length)])));
        }

        return Encoding.UTF8.GetBytes(string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines));
    }

    private static byte[] Onnx(Random random) => random.Next(4) switch
    {
        0 => Toy,
        1 => Toy[..random.Next(Toy.Length)],
        2 => [.. Enumerable.Range(0, random.Next(0, 2000)).Select(_ => (byte)random.Next(256))],
        _ => [.. Toy.Select(b => random.Next(200) == 0 ? (byte)random.Next(256) : b)],
    };

    private static string Mutated(string template, Random random)
    {
        if (template.Length == 0)
        {
            return """{"unexpected": [1, 2, 3]}""";
        }

        var body = JsonNode.Parse(template)!;
        for (var m = random.Next(0, 4); m > 0; m--)
        {
            var containers = Flatten(body).Where(n => n is JsonObject { Count: > 0 } or JsonArray { Count: > 0 }).ToList();
            if (containers.Count == 0)
            {
                break;
            }

            var target = containers[random.Next(containers.Count)];
            var replacement = Oddities[random.Next(Oddities.Length)]?.DeepClone();
            if (target is JsonObject obj)
            {
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                if (random.Next(4) == 0)
                {
                    obj.Remove(key);
                }
                else if (random.Next(4) == 0)
                {
                    obj["extra" + random.Next(100)] = replacement;
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

        return body.ToJsonString();
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).Where(v => v is not null).SelectMany(v => Flatten(v!)).Prepend(node),
        JsonArray array => array.Where(v => v is not null).SelectMany(v => Flatten(v!)).Prepend(node),
        _ => [node],
    };

    private static ByteArrayContent Content(byte[] bytes, string type) => new(bytes) { Headers = { ContentType = new(type) } };

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
