using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using System.Text.Json.Nodes;

namespace Scission.Api.OpenApi;

/// <summary>
/// What the document says beyond what the endpoints declare: where the service runs, its licence, what each tag,
/// operation and parameter means (with examples of the criteria language), and the answers every route can give
/// (429 from the rate limiter, 401 on reads once reads are protected). The descriptions live in
/// <see cref="ContractText"/>; the linters in CI fail on any operation or parameter left without one.
/// </summary>
internal sealed class ContractTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        document.Info.Contact = new OpenApiContact { Name = "Scission maintainers" };
        // Served by a running service, the document names that service (the framework fills it from the request,
        // so "Try it out" calls the page's own origin); written at build time, it names the README's address.
        if (document.Servers is not { Count: > 0 })
        {
            document.Servers = [new OpenApiServer { Url = "http://127.0.0.1:8080", Description = "the service as the README runs it" }];
        }
        document.Tags = new HashSet<OpenApiTag>(ContractText.Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        // Reads are open unless the service protects them; writes say so on their own (ApiKeySecurityTransformer).
        document.Security = [new OpenApiSecurityRequirement(), new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
        // Every problem carries the request's trace id (for the logs), an extension member RFC 9457 allows.
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            if (document.Components?.Schemas is { } schemas && schemas.TryGetValue(name, out var schema) && schema is OpenApiSchema { Properties: { } properties })
            {
                properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's W3C trace id, as the service's logs record it." };
            }
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is { } id && ContractText.Operations.TryGetValue(id, out var description))
        {
            operation.Description = description;
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (ContractText.Parameters.TryGetValue(parameter.Name ?? "", out var text))
            {
                parameter.Description = text.Description;
                if (text.Examples is { } examples)
                {
                    parameter.Examples = examples.ToDictionary(e => e.Key, e => (IOpenApiExample)new OpenApiExample { Summary = e.Value.Summary, Value = JsonValue.Create(e.Value.Value) });
                }
            }
        }

        operation.Responses ??= [];
        var path = context.Description.RelativePath ?? "";
        if (!path.StartsWith("health", StringComparison.Ordinal))
        {
            operation.Responses.TryAdd("429", Problem("Too many requests from this API key or address (RateLimiting); Retry-After says when to try again", context.Document));
            operation.Responses.TryAdd("401", Problem("No valid API key in X-Api-Key (writes once the service has a key; reads too with Auth__ProtectReads)", context.Document));
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
        },
    };
}
