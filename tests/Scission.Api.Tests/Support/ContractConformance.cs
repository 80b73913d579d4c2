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

    /// <summary>
    /// Every way a response departs from the contract: its status is one the operation declares, with the declared
    /// media type, and a JSON body fits the declared schema (required properties present, no null or property the
    /// schema does not declare, every value of its declared type).
    /// </summary>
    public static List<string> ResponseProblems(string method, string path, int status, string? mediaType, string? body)
    {
        var where = $"{method} {path} -> {status}";
        var operation = FindOperation(method, path);
        if (operation is null)
        {
            return [$"{where}: no such operation in the contract"];
        }

        if (operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not { } response)
        {
            return [$"{where}: the contract does not list this status"];
        }

        if (mediaType is null || string.IsNullOrEmpty(body))
        {
            return response["content"] is JsonObject { Count: > 0 } && status != 304 ? [$"{where}: no body, but the contract describes one"] : [];
        }

        if (response["content"]?[mediaType] is not { } content)
        {
            return [$"{where}: {mediaType} is not a media type the contract lists for it"];
        }

        var problems = new List<string>();
        if (content["schema"] is { } schema && mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            Check(JsonNode.Parse(body), schema, where, problems);
        }

        return problems;
    }

    /// <summary>Every operation of the contract as METHOD /path/template.</summary>
    public static IEnumerable<string> Operations() =>
        Document.Value["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"));

    /// <summary>The operation a request reaches, as METHOD /path/template, or <c>null</c>.</summary>
    public static string? OperationOf(string method, string path)
    {
        var segments = path.Split('?')[0].Trim('/').Split('/');
        foreach (var (template, item) in Document.Value["paths"]!.AsObject())
        {
            var parts = template.Trim('/').Split('/');
            if (parts.Length == segments.Length && parts.Zip(segments).All(p => p.First.StartsWith('{') || p.First == Uri.UnescapeDataString(p.Second)) && item![method.ToLowerInvariant()] is not null)
            {
                return $"{method.ToUpperInvariant()} {template}";
            }
        }

        return null;
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
                    if (schema["additionalProperties"] is JsonObject extra)
                    {
                        Check(child, extra, $"{where}.{name}", problems);
                    }
                    else
                    {
                        problems.Add($"{where}: property '{name}' is not in the contract");
                    }
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

/// <summary>One request and its answer as they crossed the wire.</summary>
internal sealed record Exchange(string Method, string Path, string? Body, int Status, string? MediaType, string? ResponseBody);

/// <summary>Remembers every request that passes through, with its body, and what came back.</summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public List<(string Method, string Path, string? Body)> Requests { get; } = [];

    public List<Exchange> Exchanges { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method.Method, request.RequestUri!.AbsolutePath, body));
        }

        var response = await base.SendAsync(request, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // Bodies that are JSON are kept for the schema check; files are not.
        var text = mediaType is not null && mediaType.EndsWith("json", StringComparison.Ordinal) ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        if (text is not null)
        {
            var copy = new StringContent(text, System.Text.Encoding.UTF8, mediaType!);
            foreach (var (name, values) in response.Content.Headers.Where(h => h.Key is not ("Content-Type" or "Content-Length")))
            {
                copy.Headers.TryAddWithoutValidation(name, values);
            }

            response.Content = copy;
        }

        lock (Exchanges)
        {
            Exchanges.Add(new Exchange(request.Method.Method, request.RequestUri!.AbsolutePath, body, (int)response.StatusCode, mediaType, text ?? (response.Content.Headers.ContentLength > 0 ? "(binary)" : null)));
        }

        return response;
    }
}
