using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scission.Api.Auth;

namespace Scission.Api.OpenApi;

/// <summary>Declares the API-key scheme and applies it to every operation that changes state.</summary>
internal sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string Scheme = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AuthOptions.Header,
            Description = "Required on every request that changes state once the service has a key (Auth__ApiKey); "
                + "on reads too with Auth__ProtectReads=true. Without a configured key the service is open.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var method = context.Description.HttpMethod ?? "";
        var endpoint = new Endpoint(null, new EndpointMetadataCollection(context.Description.ActionDescriptor.EndpointMetadata), null);
        if (ApiKeyMiddleware.IsWrite(method, endpoint))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
            operation.Responses ??= [];
            operation.Responses["401"] = new OpenApiResponse
            {
                Description = "No valid API key in X-Api-Key (only once the service has a key)",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                },
            };
        }

        return Task.CompletedTask;
    }
}
