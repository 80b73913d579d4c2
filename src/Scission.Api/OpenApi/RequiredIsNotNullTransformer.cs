using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scission.Api.OpenApi;

/// <summary>
/// Request fields are nullable in C# so that a missing one reaches validation and gets a message naming it;
/// in the contract a required field is never null, so clients see it as a plain number, string or enum.
/// Runs on the finished document, when nullable references have their final oneOf form.
/// </summary>
internal sealed class RequiredIsNotNullTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Required is not { Count: > 0 } required || schema.Properties is not { } properties)
            {
                continue;
            }

            foreach (var name in required)
            {
                if (!properties.TryGetValue(name, out var property) || property is not OpenApiSchema concrete)
                {
                    continue;
                }

                if (concrete.OneOf is { Count: 2 } choices && choices.FirstOrDefault(c => c is not OpenApiSchema { Type: JsonSchemaType.Null }) is { } notNull)
                {
                    properties[name] = notNull;
                }
                else if (concrete.Type is { } type)
                {
                    concrete.Type = type & ~JsonSchemaType.Null;
                }
            }
        }

        return Task.CompletedTask;
    }
}
