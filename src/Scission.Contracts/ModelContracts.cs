using Scission.Onnx;

namespace Scission.Contracts;

/// <summary>The layers one block covers, both ends inclusive.</summary>
public sealed record LayoutBlock(int Block, int FirstLayer, int LastLayer);

/// <summary>A registered model; <see cref="Onnx"/> is set when it came as an ONNX file.</summary>
public sealed record ModelResponse(string Name, string? Description, int? BlockCount, LayoutBlock[]? Layout, string[] BenchmarkedResources, DateTimeOffset UpdatedAt, OnnxResponse? Onnx);

/// <summary>What the service found in an uploaded ONNX file.</summary>
/// <param name="Input">The model input, with the shape analysis and benchmarks use.</param>
/// <param name="LayerCount">Layers: the graph's nodes in topological order.</param>
/// <param name="Dimensions">Values given to symbolic input dimensions.</param>
/// <param name="Blocks">Each block with the tensor it hands on (the last: the model's output).</param>
/// <param name="FileBytes">Size of the file.</param>
/// <param name="Sha256">Digest of the file.</param>
/// <param name="FileHref">Where to download it.</param>
public sealed record OnnxResponse(OnnxTensorInfo Input, int LayerCount, IReadOnlyDictionary<string, long> Dimensions, OnnxBlockResponse[] Blocks, long FileBytes, string Sha256, string FileHref);

/// <summary>One block of an ONNX model and the link to its segment.</summary>
public sealed record OnnxBlockResponse(int Block, int FirstLayer, int LastLayer, OnnxTensorInfo Output, string SegmentHref);
