using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scission.Api.Partitions;
using Scission.Api.Validation;
using Scission.Domain.Catalog;

namespace Scission.Api.Charts;

/// <summary>Charts as SVG: <c>/v1/models/{model}/charts/profile.svg</c>, <c>plan.svg</c> and <c>bandwidth.svg</c>.</summary>
internal static class ChartsApi
{
    public const string SvgType = "image/svg+xml";

    /// <summary>The widest bandwidth range a chart spans, as a ratio of its ends.</summary>
    private const double MaxRangeRatio = 1e9;

    public static RouteGroupBuilder MapChartsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/models/{model}/charts").WithTags("Charts");
        group.MapGet("/profile.svg", GetProfileChart)
            .WithName("GetProfileChart")
            .WithSummary("Per-block latency bars per machine, and each block's output size as a line.")
            .Produces<string>(StatusCodes.Status200OK, SvgType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/plan.svg", GetPlanChart)
            .WithName("GetPlanChart")
            .WithSummary("One ranked plan: compute per stage and transfer per hop, coloured by tier.")
            .Produces<string>(StatusCodes.Status200OK, SvgType)
            .Validate<PartitionQueryParameters>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/bandwidth.svg", GetBandwidthChart)
            .WithName("GetBandwidthChart")
            .WithSummary("Latency of the plans that are best somewhere in a range of one link's bandwidth, crossovers marked.")
            .Produces<string>(StatusCodes.Status200OK, SvgType)
            .Validate<PartitionQueryParameters>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetProfileChart(
        string model,
        IModelStore store,
        CancellationToken cancellationToken,
        string? resources = null)
    {
        if (await store.GetAsync(model, cancellationToken) is not { } record)
        {
            return Problems.NotFound($"model '{model}' is not registered");
        }

        var benchmarks = (await store.ListBenchmarksAsync(model, cancellationToken) ?? []).OrderBy(b => b.Resource, StringComparer.Ordinal).ToList();
        if (resources is not null)
        {
            var wanted = resources.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = wanted.Where(name => benchmarks.All(b => b.Resource != name)).ToList();
            if (unknown.Count > 0 || wanted.Length == 0)
            {
                return Invalid("resources", $"must name benchmarked machines of the model, comma-separated; {(unknown.Count > 0 ? string.Join(", ", unknown) + " has no benchmark" : "none given")}");
            }

            benchmarks = [.. benchmarks.Where(b => wanted.Contains(b.Resource, StringComparer.Ordinal))];
        }

        if (record.Layout is not { } layout || benchmarks.Count == 0)
        {
            return Problems.Conflict($"model '{record.Name}' has no benchmarks yet");
        }

        return TypedResults.Text(ProfileChart.Draw(record.Name, layout, benchmarks), SvgType);
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetPlanChart(
        [AsParameters] PartitionQueryParameters parameters,
        PartitionService partitions,
        IValidator<SearchRequest> searchValidator,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken,
        int rank = 1,
        string? search = null)
    {
        if (rank is < 1 or > 1000)
        {
            return Invalid("rank", "must be between 1 and 1000");
        }

        PartitionRequest request;
        if (search is null)
        {
            request = parameters.ToRequest();
        }
        else
        {
            SearchBody? body;
            try
            {
                body = JsonSerializer.Deserialize<SearchBody>(search, json.Value.SerializerOptions);
            }
            catch (JsonException exception)
            {
                return Invalid("search", $"must be a search body as JSON: {exception.Message}");
            }

            var asked = new SearchRequest(parameters.Model, body ?? new SearchBody());
            var validation = await searchValidator.ValidateAsync(asked, cancellationToken);
            if (!validation.IsValid)
            {
                return TypedResults.ValidationProblem(validation.Errors.GroupBy(e => $"search.{e.PropertyName}").ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
            }

            request = asked.ToRequest();
        }

        var (answer, _) = await partitions.AnswerAsync(request with { Top = rank }, cancellationToken);
        if (answer.Body is not { } bytes)
        {
            // Fields of a question given as a search body are named inside it, whichever check refused them.
            var prefix = search is null ? "" : "search.";
            return answer.Errors is { } errors
                ? TypedResults.ValidationProblem(errors.ToDictionary(e => prefix + e.Key, e => e.Value))
                : TypedResults.Problem(answer.Detail, statusCode: answer.Status);
        }

        var response = JsonSerializer.Deserialize<PartitionResponse>(bytes, json.Value.SerializerOptions)!;
        return response.Results.Length < rank
            ? TypedResults.Problem($"the query has {response.Results.Length} plan(s), none of rank {rank}", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Text(PlanChart.Draw(response.Model, response.Results[rank - 1]), SvgType);
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetBandwidthChart(
        [AsParameters] PartitionQueryParameters parameters,
        PartitionSweeps sweeps,
        CancellationToken cancellationToken,
        string? source = null,
        string? destination = null,
        double fromMbps = 0.1,
        double toMbps = 1000)
    {
        if (source is null || !Scission.Domain.Model.ResourceName.IsValid(source))
        {
            return Invalid("source", "must name the link's sending machine");
        }

        if (destination is null || !Scission.Domain.Model.ResourceName.IsValid(destination))
        {
            return Invalid("destination", "must name the link's receiving machine");
        }

        if (!(fromMbps >= 0.000008 && toMbps > fromMbps && toMbps <= 1e9 && toMbps / fromMbps <= MaxRangeRatio))
        {
            // Name the bound that is out of range on its own; a pair that is wrong together names the upper one.
            var field = !(fromMbps is >= 0.000008 and < 1e9) ? "fromMbps" : "toMbps";
            return Invalid(field, string.Create(CultureInfo.InvariantCulture, $"fromMbps and toMbps must be bandwidths with 0.000008 <= fromMbps < toMbps <= 1e9, at most {MaxRangeRatio:0e0} apart"));
        }

        var request = parameters.ToRequest();
        var (segments, now, refusal) = await sweeps.SweepAsync(request, source, destination, fromMbps, toMbps, cancellationToken);
        if (refusal is not null)
        {
            return refusal.Errors is { } errors ? TypedResults.ValidationProblem(errors) : TypedResults.Problem(refusal.Detail, statusCode: refusal.Status);
        }

        return TypedResults.Text(BandwidthChart.Draw(request.Model, source, destination, fromMbps, toMbps, now, segments!), SvgType);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
