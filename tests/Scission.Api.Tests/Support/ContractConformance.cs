using System.Text.Json.Nodes;

namespace Scission.Api.Tests.Support;

/// <summary>
/// Checks a request against the committed OpenAPI document: the operation exists for its method and path, and
/// its JSON body uses only declared properties, of the declared JSON types, with every required one present.
/// </summary>
internal static class ContractConformance
{
    private static readonly Lazy<JsonNode> Document = new(() => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "scission.json")))!);

    /// <summary>Every way the request departs from the contract; empty when it conforms.</summary>
    public static List<string> Problems(string method, string path, string? json)
    {
        var problems = new List<string>();
        var operation = FindOperation(method, path);
        if (operation is null)
        {
            problems.Add($"{method} {path}: no such operation in the contract");
            return problems;
        }

        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        if (json is null || schema is null)
        {
            return problems;
        }

        Check(JsonNode.Parse(json), schema, $"{method} {path} body", problems);
        return problems;
    }

    private static JsonNode? FindOperation(string method, string path)
    {
        var segments = path.Split('?')[0].Trim('/').Split('/');
        foreach (var (template, item) in Document.Value["paths"]!.AsObject())
        {
            var parts = template.Trim('/').Split('/');
            if (parts.Length == segments.Length && parts.Zip(segments).All(p => p.First.StartsWith('{') || p.First == Uri.UnescapeDataString(p.Second)))
            {
                if (item![method.ToLowerInvariant()] is { } operation)
                {
                    return operation;
                }
            }
        }

        return null;
    }

    private static void Check(JsonNode? value, JsonNode schema, string where, List<string> problems)
    {
        schema = Resolve(schema);
        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToHashSet(),
            JsonValue one => [one.GetValue<string>()],
            _ => null,
        };
        if (value is null)
        {
            if (types is not null && !types.Contains("null"))
            {
                problems.Add($"{where}: null where the contract allows {string.Join("|", types)}");
            }

            return;
        }

        if (schema["oneOf"] is JsonArray choices)
        {
            // Nullable references are written as oneOf [null, $ref]: the value must fit a non-null choice.
            var fits = choices.Select(c => Resolve(c!)).Where(c => c["type"]?.ToString() != "null").ToList();
            var best = fits.Select(c => { var p = new List<string>(); Check(value, c, where, p); return p; }).MinBy(p => p.Count) ?? [];
            problems.AddRange(best);
            return;
        }

        var kind = value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.Object => "object",
            System.Text.Json.JsonValueKind.Array => "array",
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => value.ToJsonString().Contains('.') || value.ToJsonString().Contains('E') ? "number" : "integer",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "null",
        };
        if (types is not null && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
        {
            problems.Add($"{where}: {kind} where the contract says {string.Join("|", types)}");
            return;
        }

        if (value is JsonObject obj)
        {
            var properties = schema["properties"]?.AsObject();
            foreach (var (name, child) in obj)
            {
                if (properties?[name] is not { } declared)
                {
                    problems.Add($"{where}: property '{name}' is not in the contract");
                }
                else
                {
                    Check(child, declared, $"{where}.{name}", problems);
                }
            }

            foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
            {
                if (!obj.ContainsKey(required))
                {
                    problems.Add($"{where}: required property '{required}' is missing");
                }
            }
        }
        else if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{where}[{i}]", problems);
            }
        }
    }

    private static JsonNode Resolve(JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(Document.Value["components"]!["schemas"]![reference.Split('/')[^1]]!)
            : schema;
}

/// <summary>Remembers every request that passes through, with its body, then sends it on.</summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public List<(string Method, string Path, string? Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method.Method, request.RequestUri!.AbsolutePath, body));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
