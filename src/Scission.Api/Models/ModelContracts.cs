using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;
using Scission.Infrastructure.Onnx;

namespace Scission.Api.Models;

/// <summary>A model whose benchmarks clients supply.</summary>
public sealed record ModelBody
{
    /// <summary>Free text.</summary>
    public string? Description { get; init; }
}

/// <summary>Stored models as the service answers them.</summary>
internal static class ModelResponses
{
    public static ModelResponse From(ModelRecord model, IEnumerable<BenchmarkRecord> benchmarks) => new(
        model.Name,
        model.Description,
        model.Layout?.Count,
        model.Layout?.Blocks.Select((b, i) => new LayoutBlock(i, b.FirstLayer, b.LastLayer)).ToArray(),
        [.. benchmarks.Select(b => b.Resource)],
        model.UpdatedAt,
        model.Graph is { } graph ? Onnx(model.Name, graph) : null);

    private static OnnxResponse Onnx(string model, ModelGraph graph)
    {
        var analysis = OnnxModelFiles.Analysis(graph);
        return new OnnxResponse(
            analysis.Inputs,
            analysis.Outputs,
            analysis.LayerCount,
            analysis.Dimensions,
            analysis.Cuts,
            analysis.Vocabulary,
            [.. analysis.Blocks.Select((b, i) => new OnnxBlockResponse(i, b.FirstLayer, b.LastLayer, b.Tensors, b.Bytes, $"/v1/models/{model}/segments/{b.FirstLayer}-{b.LastLayer}"))],
            graph.FileBytes,
            graph.Sha256,
            $"/v1/models/{model}/file");
    }
}

internal sealed record PutModelRequest([FromRoute] string Model, [FromBody] ModelBody Body);

internal sealed class PutModelRequestValidator : AbstractValidator<PutModelRequest>
{
    public PutModelRequestValidator()
    {
        RuleFor(r => r.Model).CatalogName();
        RuleFor(r => r.Body.Description).Description().OverridePropertyName("description");
    }
}
