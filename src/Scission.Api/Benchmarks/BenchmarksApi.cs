using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;

namespace Scission.Api.Benchmarks;

/// <summary>A model's measurements per machine: <c>/v1/models/{model}/benchmarks</c>.</summary>
internal static class BenchmarksApi
{
    public static RouteGroupBuilder MapBenchmarksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/models/{model}/benchmarks").WithTags("Benchmarks");
        group.MapGet("/", ListBenchmarks).WithName("ListBenchmarks").WithSummary("List which machines have a benchmark of the model.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{resource}", GetBenchmark).WithName("GetBenchmark").WithSummary("Get the model's benchmark on one machine.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{resource}", PutBenchmark)
            .WithName("PutBenchmark")
            .WithSummary("Store the model's benchmark on one machine. The first one fixes the model's block layout; a different layout later is a 409.")
            .Validate<PutBenchmarkRequest>()
            .AcceptsIfMatch()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{resource}", DeleteBenchmark)
            .WithName("DeleteBenchmark")
            .WithSummary("Delete the model's benchmark on one machine.")
            .AcceptsIfMatch()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<BenchmarkSummary[]>, ProblemHttpResult>> ListBenchmarks(string model, IModelStore store, CancellationToken cancellationToken) =>
        await store.ListBenchmarksAsync(model, cancellationToken) is { } benchmarks
            ? TypedResults.Ok(benchmarks.Select(b => new BenchmarkSummary(b.Resource, b.Blocks.Count, b.StoredAt, b.Provenance.MeasuredAt, BenchmarkPath(model, b.Resource))).ToArray())
            : Problems.NotFound($"model '{model}' is not registered");

    public static async Task<Results<Ok<BenchmarkResponse>, ProblemHttpResult>> GetBenchmark(string model, string resource, IModelStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var benchmarks = await store.ListBenchmarksAsync(model, cancellationToken);
        if (benchmarks is null)
        {
            return Problems.NotFound($"model '{model}' is not registered");
        }

        if (benchmarks.FirstOrDefault(b => b.Resource == resource) is not { } benchmark)
        {
            return Problems.NotFound($"model '{model}' has no benchmark on resource '{resource}'");
        }

        context.SetETag(benchmark.Version);
        return TypedResults.Ok(BenchmarkResponses.From(model, benchmark));
    }

    public static async Task<Results<Created<BenchmarkResponse>, Ok<BenchmarkResponse>, ProblemHttpResult>> PutBenchmark(
        [AsParameters] PutBenchmarkRequest request,
        [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch,
        IModelStore store,
        TimeProvider clock,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var record = request.ToRecord(clock.GetUtcNow());
        var outcome = await store.PutBenchmarkAsync(request.Model, record, EntityTags.Precondition(ifMatch), cancellationToken);
        if (outcome.Failure is not null)
        {
            return Problems.From(outcome);
        }

        context.SetETag(outcome.Version);
        var response = BenchmarkResponses.From(request.Model, record);
        return outcome.Result == UpsertResult.Created
            ? TypedResults.Created(BenchmarkPath(request.Model, request.Resource), response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteBenchmark(
        string model,
        string resource,
        [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch,
        IModelStore store,
        CancellationToken cancellationToken) =>
        await store.DeleteBenchmarkAsync(model, resource, EntityTags.Precondition(ifMatch), cancellationToken) switch
        {
            null => Problems.NotFound($"model '{model}' has no benchmark on resource '{resource}'"),
            { Failure: not null } refused => Problems.From(refused),
            _ => TypedResults.NoContent(),
        };

    public static string BenchmarkPath(string model, string resource) => $"/v1/models/{model}/benchmarks/{Uri.EscapeDataString(resource)}";
}
