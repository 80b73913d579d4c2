namespace Scission.Onnx;

/// <summary>A tensor that crosses a cut (or enters or leaves the model), with its size for one inference.</summary>
/// <param name="Name">The tensor's name in the graph.</param>
/// <param name="ElementType">ONNX element type, e.g. <c>float32</c>.</param>
/// <param name="Shape">Concrete shape for the analysed input (batch 1 unless set otherwise).</param>
/// <param name="Bytes">Elements times element size.</param>
public sealed record OnnxTensorInfo(string Name, string ElementType, long[] Shape, long Bytes);

/// <summary>One block: a run of layers between two valid cuts, and the single tensor it hands on.</summary>
public sealed record OnnxBlock(int FirstLayer, int LastLayer, OnnxTensorInfo Output);

/// <summary>What the service knows of an uploaded model before any benchmark.</summary>
/// <param name="Input">The model's input, with the shape used for analysis and benchmarks.</param>
/// <param name="Blocks">The blocks in order; layers are the graph's nodes in topological order.</param>
/// <param name="LayerCount">Number of layers (nodes).</param>
/// <param name="Dimensions">Values given to symbolic input dimensions.</param>
public sealed record OnnxAnalysis(OnnxTensorInfo Input, IReadOnlyList<OnnxBlock> Blocks, int LayerCount, IReadOnlyDictionary<string, long> Dimensions);
