using Scission.Onnx;

namespace Scission.Contracts;

/// <summary>The layers one block covers, both ends inclusive.</summary>
public sealed record LayoutBlock(int Block, int FirstLayer, int LastLayer);

/// <summary>A registered model; <see cref="Onnx"/> is set when it came as an ONNX file.</summary>
public sealed record ModelResponse(string Name, string? Description, int? BlockCount, LayoutBlock[]? Layout, string[] BenchmarkedResources, DateTimeOffset UpdatedAt, OnnxResponse? Onnx);

/// <summary>What the service found in an uploaded ONNX file.</summary>
/// <param name="Inputs">The model's inputs, with the shapes analysis and benchmarks use.</param>
/// <param name="Outputs">The model's outputs.</param>
/// <param name="LayerCount">Layers: the graph's nodes in topological order.</param>
/// <param name="Dimensions">Values given to symbolic input dimensions.</param>
/// <param name="Cuts">The rule the blocks were cut by: <c>single</c>, <c>all</c> or the most tensors per cut.</param>
/// <param name="Vocabulary">Token ids of integer inputs are drawn below this in analyses and benchmarks.</param>
/// <param name="Blocks">Each block with the tensors it hands on (the last: the model's outputs).</param>
/// <param name="FileBytes">Size of the file.</param>
/// <param name="Sha256">Digest of the file.</param>
/// <param name="FileHref">Where to download it.</param>
public sealed record OnnxResponse(
    IReadOnlyList<OnnxTensorInfo> Inputs,
    IReadOnlyList<OnnxTensorInfo> Outputs,
    int LayerCount,
    IReadOnlyDictionary<string, long> Dimensions,
    string Cuts,
    long Vocabulary,
    OnnxBlockResponse[] Blocks,
    long FileBytes,
    string Sha256,
    string FileHref);

/// <summary>One block of an ONNX model, what crosses the cut after it, and the link to its segment.</summary>
/// <param name="Block">The block's index, from 0.</param>
/// <param name="FirstLayer">Its first layer.</param>
/// <param name="LastLayer">Its last layer.</param>
/// <param name="Tensors">Every tensor crossing the cut after the block, in the order they were produced.</param>
/// <param name="Bytes">Their bytes together: what the cut costs on a link.</param>
/// <param name="SegmentHref">The block alone as an ONNX model.</param>
public sealed record OnnxBlockResponse(int Block, int FirstLayer, int LastLayer, IReadOnlyList<OnnxTensorInfo> Tensors, long Bytes, string SegmentHref);
