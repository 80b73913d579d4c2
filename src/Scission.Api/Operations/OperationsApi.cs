using Microsoft.AspNetCore.Http.HttpResults;
using Scission.Api.Validation;
using Scission.Domain.Catalog;

namespace Scission.Api.Operations;

/// <summary>Server-side benchmark runs and the operations that track them.</summary>
internal static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/models/{model}/benchmark-runs", StartBenchmarkRun)
            .WithTags("Benchmarks")
            .WithName("StartBenchmarkRun")
            .WithSummary("Benchmark an uploaded ONNX model on the service's own machine; 202 with the operation to follow.")
            .Validate<BenchmarkRunRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        routes.MapGet("/v1/operations/{id}", GetOperation)
            .WithTags("Operations")
            .WithName("GetOperation")
            .WithSummary("Where a long-running operation stands: queued, running (with progress), succeeded (with its result) or failed (with the reason).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Accepted<OperationResponse>, ProblemHttpResult>> StartBenchmarkRun(
        [AsParameters] BenchmarkRunRequest request,
        IModelStore models,
        IResourceStore resources,
        BenchmarkRunQueue queue,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(request.Model, cancellationToken);
        if (model is null)
        {
            return Problems.NotFound($"model '{request.Model}' is not registered");
        }

        if (model.Graph is null)
        {
            return Problems.Conflict($"model '{model.Name}' has no ONNX file to run: upload one with PUT /v1/models/{model.Name} (application/octet-stream)");
        }

        if (await resources.GetAsync(request.Body.Resource!, cancellationToken) is null)
        {
            return Problems.NotFound($"resource '{request.Body.Resource}' is not registered");
        }

        var operation = await queue.EnqueueAsync(model.Name, request.Body.Resource!, request.Body.Repeats ?? 10, request.Body.Warmup ?? 2, request.Body.Sessions, cancellationToken);
        if (operation is null)
        {
            // The queue is full: come back later; nothing was recorded.
            response.Headers.RetryAfter = "30";
            return TypedResults.Problem($"{BenchmarkRunQueue.Capacity} runs are already waiting; try again later", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Accepted($"/v1/operations/{operation.Id}", OperationResponse.From(operation));
    }

    public static async Task<Results<Ok<OperationResponse>, ProblemHttpResult>> GetOperation(string id, IOperationStore operations, CancellationToken cancellationToken) =>
        await operations.GetAsync(id, cancellationToken) is { } operation
            ? TypedResults.Ok(OperationResponse.From(operation))
            : Problems.NotFound($"operation '{id}' is not known to this service");
}
