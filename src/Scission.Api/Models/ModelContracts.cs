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

/// <summary>The layers one block covers, both ends inclusive.</summary>
public sealed record LayoutBlock(int Block, int FirstLayer, int LastLayer);

/// <summary>A registered model; <see cref="Onnx"/> is set when it came as an ONNX file.</summary>
public sealed record ModelResponse(string Name, string? Description, int? BlockCount, LayoutBlock[]? Layout, string[] BenchmarkedResources, DateTimeOffset UpdatedAt, OnnxResponse? Onnx)
{
    internal static ModelResponse From(ModelRecord model, IEnumerable<BenchmarkRecord> benchmarks) => new(
        model.Name,
        model.Description,
        model.Layout?.Count,
        model.Layout?.Blocks.Select((b, i) => new LayoutBlock(i, b.FirstLayer, b.LastLayer)).ToArray(),
        [.. benchmarks.Select(b => b.Resource)],
        model.UpdatedAt,
        model.Graph is { } graph ? OnnxResponse.From(model.Name, graph) : null);
}

/// <summary>What the service found in an uploaded ONNX file.</summary>
/// <param name="Input">The model input, with the shape analysis and benchmarks use.</param>
/// <param name="LayerCount">Layers: the graph's nodes in topological order.</param>
/// <param name="Dimensions">Values given to symbolic input dimensions.</param>
/// <param name="Blocks">Each block with the tensor it hands on (the last: the model's output).</param>
/// <param name="FileBytes">Size of the file.</param>
/// <param name="Sha256">Digest of the file.</param>
/// <param name="FileHref">Where to download it.</param>
public sealed record OnnxResponse(OnnxTensorInfo Input, int LayerCount, IReadOnlyDictionary<string, long> Dimensions, OnnxBlockResponse[] Blocks, long FileBytes, string Sha256, string FileHref)
{
    internal static OnnxResponse From(string model, ModelGraph graph)
    {
        var analysis = OnnxModelFiles.Analysis(graph);
        return new OnnxResponse(
            analysis.Input,
            analysis.LayerCount,
            analysis.Dimensions,
            [.. analysis.Blocks.Select((b, i) => new OnnxBlockResponse(i, b.FirstLayer, b.LastLayer, b.Output, $"/v1/models/{model}/segments/{b.FirstLayer}-{b.LastLayer}"))],
            graph.FileBytes,
            graph.Sha256,
            $"/v1/models/{model}/file");
    }
}

/// <summary>One block of an ONNX model and the link to its segment.</summary>
public sealed record OnnxBlockResponse(int Block, int FirstLayer, int LastLayer, OnnxTensorInfo Output, string SegmentHref);

internal sealed record PutModelRequest([FromRoute] string Model, [FromBody] ModelBody Body);

internal sealed class PutModelRequestValidator : AbstractValidator<PutModelRequest>
{
    public PutModelRequestValidator()
    {
        RuleFor(r => r.Model).CatalogName();
        RuleFor(r => r.Body.Description).Description().OverridePropertyName("description");
    }
}
