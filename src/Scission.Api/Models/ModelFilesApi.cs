using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scission.Api.Validation;
using Scission.Domain.Catalog;
using Scission.Onnx;
using Scission.Infrastructure.Onnx;

namespace Scission.Api.Models;

/// <summary>ONNX files: upload (the same PUT as JSON registration, as application/octet-stream), download, segments.</summary>
internal static class ModelFilesApi
{
    public static RouteGroupBuilder MapModelFilesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/models").WithTags("Models");
        // The contract's upload is PUT /v1/models/{model} with application/octet-stream; routing tells it from the
        // JSON registration by content type. OpenAPI has one operation per path and method, so the document lists
        // this body type under PutModel (see ModelUploadTransformer) and the handler under its own path as well.
        // Ordered after the JSON registration: a PUT without a content type must reach one endpoint, not both (a 500).
        group.MapPut("/{model}", UploadModel).Accepts<byte[]>("application/octet-stream").AcceptsIfMatch().ExcludeFromDescription().WithOrder(1);
        group.MapPut("/{model}/file", UploadModel)
            .WithName("UploadModel")
            .WithSummary("Upload an ONNX file: the service finds its blocks (cuts where one activation tensor crosses) and their output sizes.")
            .Accepts<byte[]>("application/octet-stream")
            .AcceptsIfMatch()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/{model}/file", DownloadModel).WithName("DownloadModel").WithSummary("Download the model's ONNX file.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{model}/segments/{range}", GetSegment)
            .WithName("GetSegment")
            .WithSummary("Download a stand-alone ONNX model of layers first-last (both on block boundaries); its input is the tensor entering the range.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Created<ModelResponse>, Ok<ModelResponse>, ValidationProblem, ProblemHttpResult>> UploadModel(
        string model,
        [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch,
        HttpContext context,
        OnnxModelFiles files,
        IModelStore store,
        IOptions<OnnxOptions> options,
        CancellationToken cancellationToken,
        string? dims = null,
        string? cuts = null,
        long? vocabulary = null,
        string? description = null)
    {
        var request = context.Request;
        if (!CatalogName.IsValid(model))
        {
            return Invalid("model", $"must be a name of {CatalogName.Rule}");
        }

        if (!request.ContentType?.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) ?? true)
        {
            return TypedResults.Problem("send the ONNX file as application/octet-stream", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (InputDimensions.Parse(dims) is not { } dimensions)
        {
            return Invalid("dims", $"must be {InputDimensions.Rule}");
        }

        if (CutRule.Parse(cuts) is not { } cutRule)
        {
            return Invalid("cuts", $"must be {CutRule.Rule}");
        }

        if (vocabulary is < 1 or > AnalysisOptions.MaxVocabulary)
        {
            return Invalid("vocabulary", $"must be from 1 to {AnalysisOptions.MaxVocabulary}");
        }

        var limit = options.Value.MaxUploadBytes;
        var content = await BoundedBody.ReadAsync(request, limit, cancellationToken);
        if (content is null)
        {
            return TypedResults.Problem($"the file is larger than the limit of {limit} bytes (Onnx:MaxUploadBytes)", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            var (outcome, _) = await files.UploadAsync(model, description, content, new AnalysisOptions { Dimensions = dimensions, Cuts = cutRule, Vocabulary = vocabulary ?? DeterministicInput.DefaultVocabulary }, EntityTags.Precondition(ifMatch), cancellationToken);
            if (outcome.Failure is not null)
            {
                return Problems.From(outcome);
            }

            context.SetETag(outcome.Version);
            if (await store.GetAsync(model, cancellationToken) is not { } stored)
            {
                return Problems.NotFound($"model '{model}' was deleted by another request just after this one stored it");
            }

            var response = ModelResponses.From(stored, await store.ListBenchmarksAsync(model, cancellationToken) ?? []);
            return outcome.Result == UpsertResult.Created ? TypedResults.Created($"/v1/models/{response.Name}", response) : TypedResults.Ok(response);
        }
        catch (OnnxModelException exception)
        {
            return Invalid(exception.Field, exception.Message);
        }
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadModel(string model, IModelStore store, CancellationToken cancellationToken) =>
        await store.GetFileAsync(model, cancellationToken) is { } content
            ? TypedResults.File(content, "application/octet-stream", $"{model}.onnx")
            : Problems.NotFound($"model '{model}' has no ONNX file");

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetSegment(string model, string range, OnnxModelFiles files, CancellationToken cancellationToken)
    {
        var parts = range.Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return Invalid("range", "must be firstLayer-lastLayer, e.g. 0-12");
        }

        if (await files.LoadAsync(model, cancellationToken) is not { } parsed)
        {
            return Problems.NotFound($"model '{model}' has no ONNX file");
        }

        if (!parsed.TryBlockRange(first, last, out _, out _))
        {
            var starts = string.Join(", ", parsed.Analysis.Blocks.Select(b => b.FirstLayer));
            return Invalid("range", $"layers {first}-{last} do not start and end on block boundaries; blocks start at layers {starts}");
        }

        try
        {
            return TypedResults.File(parsed.Segment(first, last), "application/octet-stream", $"{model}_{first}-{last}.onnx");
        }
        catch (OnnxModelException exception)
        {
            // A block range the stored analysis allows but that makes no model on its own (an analysis made before
            // dead-end layers joined their neighbours): a clear refusal naming the range, never a 500.
            return Invalid("range", $"{exception.Message}; choose a range that ends at another block");
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>ONNX settings, section <c>Onnx</c>.</summary>
internal sealed class OnnxOptions
{
    /// <summary>Largest ONNX upload accepted; at most 1 GiB, as the whole file is held in one array.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1L << 30)]
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;
}
