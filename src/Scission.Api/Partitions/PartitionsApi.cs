using Microsoft.AspNetCore.Http.HttpResults;
using Scission.Api.Auth;
using Scission.Api.Validation;
using Scission.Infrastructure.Caching;

namespace Scission.Api.Partitions;

/// <summary>Ranked partitions: <c>/v1/models/{model}/partitions</c>.</summary>
internal static class PartitionsApi
{
    public static RouteGroupBuilder MapPartitionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/models/{model}/partitions").WithTags("Partitions");
        group.MapGet("/", GetPartitions)
            .WithName("GetPartitions")
            .WithSummary("Rank partitions device -> edge -> cloud with the original tool's options and criteria language.")
            .Produces<PartitionResponse>()
            .Validate<PartitionQueryParameters>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/search", SearchPartitions)
            .WithMetadata(new QueryOperation())
            .WithName("SearchPartitions")
            .WithSummary("Rank partitions over any ordered list of stages with structured constraints.")
            .Produces<PartitionResponse>()
            .Validate<SearchRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetPartitions(
        [AsParameters] PartitionQueryParameters parameters,
        PartitionService partitions,
        HttpResponse response,
        CancellationToken cancellationToken) =>
        Respond(await partitions.AnswerAsync(parameters.ToRequest(), cancellationToken), response);

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SearchPartitions(
        [AsParameters] SearchRequest request,
        PartitionService partitions,
        HttpResponse response,
        CancellationToken cancellationToken) =>
        Respond(await partitions.AnswerAsync(request.ToRequest(), cancellationToken), response);

    private static Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult> Respond((PartitionAnswer Answer, CacheLookup Lookup) result, HttpResponse response)
    {
        response.Headers["Cache-Status"] = CacheStatus.Format(result.Lookup);
        if (result.Answer.Status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "1";
        }

        return Respond(result.Answer);
    }

    private static Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult> Respond(PartitionAnswer answer) => answer switch
    {
        { Body: { } body } => TypedResults.Bytes(body, "application/json"),
        { Errors: { } errors } => TypedResults.ValidationProblem(errors),
        { Status: StatusCodes.Status404NotFound } => Problems.NotFound(answer.Detail!),
        { Status: StatusCodes.Status503ServiceUnavailable } => TypedResults.Problem(answer.Detail, statusCode: StatusCodes.Status503ServiceUnavailable),
        _ => Problems.Conflict(answer.Detail!),
    };
}
