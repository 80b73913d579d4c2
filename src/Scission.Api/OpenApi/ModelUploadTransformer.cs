using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scission.Api.OpenApi;

/// <summary>Documents that <c>PUT /v1/models/{model}</c> also takes an ONNX file as application/octet-stream.</summary>
internal sealed class ModelUploadTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId == "PutModel" && operation.RequestBody is OpenApiRequestBody body && body.Content is { } content)
        {
            content["application/octet-stream"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "An ONNX model; query parameters dims and description as for UploadModel." },
            };
            operation.Description = "With application/json, registers a model whose benchmarks clients supply. With application/octet-stream, "
                + "uploads an ONNX file, exactly as UploadModel (PUT /v1/models/{model}/file) does.";
        }

        return Task.CompletedTask;
    }
}
