using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scission.Api.OpenApi;

/// <summary>
/// Request fields are nullable in C# so that a missing one reaches validation and gets a message naming it; in
/// the contract a required request field is never null, so clients see it as a plain number, string or enum.
/// Only schemas that requests carry are changed: a response's field that may be null stays declared nullable.
/// Also gives enums their type (they are written as strings). Runs on the finished document, when nullable
/// references have their final oneOf form.
/// </summary>
internal sealed class RequiredIsNotNullTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>().Where(s => s.Enum is { Count: > 0 } && s.Type is null))
        {
            // An enum that a nullable property also uses lists null among its values; the property says it may be null.
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. schema.Enum!.Where(value => value is not null)];
        }

        foreach (var name in RequestSchemas(document, schemas))
        {
            if (schemas[name] is not OpenApiSchema { Required: { Count: > 0 } required, Properties: { } properties })
            {
                continue;
            }

            foreach (var field in required)
            {
                if (!properties.TryGetValue(field, out var property) || property is not OpenApiSchema concrete)
                {
                    continue;
                }

                if (concrete.OneOf is { Count: 2 } choices && choices.FirstOrDefault(c => c is not OpenApiSchema { Type: JsonSchemaType.Null }) is { } notNull)
                {
                    properties[field] = notNull;
                }
                else if (concrete.Type is { } type)
                {
                    concrete.Type = type & ~JsonSchemaType.Null;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The component schemas a request body refers to, directly or through other schemas.</summary>
    private static HashSet<string> RequestSchemas(OpenApiDocument document, IDictionary<string, IOpenApiSchema> schemas)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                if (media.Schema is { } schema)
                {
                    pending.Push(schema);
                }
            }
        }

        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (found.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
            {
                pending.Push(child);
            }

            if (schema.Items is { } items)
            {
                pending.Push(items);
            }

            if (schema.AdditionalProperties is { } additional)
            {
                pending.Push(additional);
            }
        }

        return found;
    }
}
