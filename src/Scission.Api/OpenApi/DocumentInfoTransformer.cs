using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scission.Api.OpenApi;

/// <summary>Names and describes the service in the OpenAPI document.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Scission",
            Version = "v1",
            Description = "Benchmark-driven partitioning of deep neural networks across device, edge and cloud. "
                + "Register machines, networks and per-block benchmarks, then ask for the partitions ranked by end-to-end latency.",
        };
        return Task.CompletedTask;
    }
}
