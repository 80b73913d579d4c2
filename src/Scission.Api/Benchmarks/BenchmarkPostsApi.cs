using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Scission.Api.Validation;
using Scission.Domain.Catalog;

namespace Scission.Api.Benchmarks;

/// <summary>
/// Benchmarks posted as users post them: one to its model's collection, or many at once, stored all or nothing.
/// Both are checked by the same rules as <c>PUT …/benchmarks/{resource}</c> (the layout rule included).
/// </summary>
internal static class BenchmarkPostsApi
{
    // The fields a PUT body carries flat and a posted body under "provenance".
    private static readonly HashSet<string> ProvenanceFields =
        ["repeats", "runtime", "executionProvider", "threads", "cpu", "operatingSystem", "notes", "measuredAt", "statistic", "minSeconds", "blockStatistics", "wholeModel", "peakWorkingSetBytes"];

    public static IEndpointRouteBuilder MapBenchmarkPostsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/models/{model}/benchmarks", PostBenchmark)
            .WithTags("Benchmarks")
            .WithName("PostBenchmark")
            .WithSummary("Store the model's benchmark on the machine the body names (201, or 200 when it replaced one). The first one fixes the model's block layout; a different layout later is a 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        routes.MapPost("/v1/benchmarks", PostBenchmarks)
            .WithTags("Benchmarks")
            .WithName("PostBenchmarks")
            .WithSummary("Store many benchmarks in one transaction, all or none; a problem lists every refused item by its index.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    public static async Task<Results<Created<BenchmarkResponse>, Ok<BenchmarkResponse>, ValidationProblem, ProblemHttpResult>> PostBenchmark(
        string model,
        BenchmarkPostBody? body,
        IValidator<PutBenchmarkRequest> validator,
        IModelStore store,
        TimeProvider clock,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON body is required"] });
        }

        var request = AsPut(model, body.Resource, body.Blocks, body.Provenance);
        var errors = Errors(validator, request, prefix: "");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var record = request.ToRecord(clock.GetUtcNow());
        var outcome = await store.PutBenchmarkAsync(model, record, null, cancellationToken);
        if (outcome.Failure is not null)
        {
            return Problems.From(outcome);
        }

        context.SetETag(outcome.Version);
        var response = BenchmarkResponses.From(model, record);
        var location = BenchmarksApi.BenchmarkPath(model, record.Resource);
        if (outcome.Result == UpsertResult.Created)
        {
            return TypedResults.Created(location, response);
        }

        context.Response.Headers.ContentLocation = location;
        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<BenchmarkBatchResponse>, ValidationProblem, ProblemHttpResult>> PostBenchmarks(
        BenchmarkBatchItem?[]? body,
        IValidator<PutBenchmarkRequest> validator,
        IOptions<LimitsOptions> limits,
        IModelStore store,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var maxItems = limits.Value.MaxBatchBenchmarks;
        if (body is not { Length: > 0 } || body.Length > maxItems)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"must be a list of 1 to {maxItems} benchmarks (Limits:MaxBatchBenchmarks)"] });
        }

        var errors = new Dictionary<string, string[]>();
        var requests = new PutBenchmarkRequest[body.Length];
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] is not { } item)
            {
                errors[$"[{i}]"] = ["must be a benchmark object"];
                continue;
            }

            requests[i] = AsPut(item.Model ?? "", item.Resource, item.Blocks, item.Provenance);
            foreach (var (field, messages) in Errors(validator, requests[i], prefix: $"[{i}]."))
            {
                errors[field] = messages;
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Some benchmarks are invalid; nothing was stored.");
        }

        var now = clock.GetUtcNow();
        var outcomes = await store.PutBenchmarksAsync([.. requests.Select(r => new BenchmarkWrite(r.Model, r.ToRecord(now)))], cancellationToken);
        var refused = outcomes.Select((o, i) => (Outcome: o, Index: i)).Where(x => x.Outcome.Failure is not null).ToList();
        if (refused.Count > 0)
        {
            var status = refused.All(x => x.Outcome.Failure == WriteFailure.NotFound) ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            return TypedResults.Problem(
                title: "Some benchmarks were refused; nothing was stored.",
                detail: string.Join("; ", refused.Select(x => $"[{x.Index}]: {x.Outcome.Detail}")),
                statusCode: status,
                extensions: new Dictionary<string, object?> { ["errors"] = refused.ToDictionary(x => $"[{x.Index}]", x => new[] { x.Outcome.Detail }) });
        }

        return TypedResults.Ok(new BenchmarkBatchResponse([.. requests.Select((r, i) =>
            new BenchmarkBatchEntry(r.Model, r.Resource, outcomes[i].Result == UpsertResult.Created, BenchmarksApi.BenchmarkPath(r.Model, r.Resource)))]));
    }

    /// <summary>The posted benchmark as the PUT's request, so one validator and one record mapping serve both.</summary>
    private static PutBenchmarkRequest AsPut(string model, string? resource, BlockBody[]? blocks, BenchmarkProvenance? provenance) => new(
        model,
        resource ?? "",
        new BenchmarkBody
        {
            Blocks = blocks,
            Repeats = provenance?.Repeats,
            Runtime = provenance?.Runtime,
            ExecutionProvider = provenance?.ExecutionProvider,
            Threads = provenance?.Threads,
            Cpu = provenance?.Cpu,
            OperatingSystem = provenance?.OperatingSystem,
            Notes = provenance?.Notes,
            MeasuredAt = provenance?.MeasuredAt,
            Statistic = provenance?.Statistic,
            MinSeconds = provenance?.MinSeconds,
            BlockStatistics = provenance?.BlockStatistics?.ToArray(),
            WholeModel = provenance?.WholeModel,
            PeakWorkingSetBytes = provenance?.PeakWorkingSetBytes,
        });

    /// <summary>The validator's failures under the posted body's names: provenance fields are under <c>provenance.</c>.</summary>
    private static Dictionary<string, string[]> Errors(IValidator<PutBenchmarkRequest> validator, PutBenchmarkRequest request, string prefix) =>
        validator.Validate(request).Errors
            .GroupBy(e => prefix + Rename(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());

    private static string Rename(string field)
    {
        var end = field.IndexOfAny(['.', '[']);
        return ProvenanceFields.Contains(end < 0 ? field : field[..end]) ? "provenance." + field : field;
    }
}
