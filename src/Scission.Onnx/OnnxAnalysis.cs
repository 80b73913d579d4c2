namespace Scission.Onnx;

/// <summary>A tensor that crosses a cut (or enters or leaves the model), with its size for one inference.</summary>
/// <param name="Name">The tensor's name in the graph.</param>
/// <param name="ElementType">ONNX element type, e.g. <c>float32</c>.</param>
/// <param name="Shape">Concrete shape for the analysed inputs (batch 1 unless set otherwise).</param>
/// <param name="Bytes">Elements times element size.</param>
public sealed record OnnxTensorInfo(string Name, string ElementType, long[] Shape, long Bytes);

/// <summary>One block: a run of layers between two cuts, and every tensor it hands on (the last block: the model's outputs).</summary>
public sealed record OnnxBlock(int FirstLayer, int LastLayer, IReadOnlyList<OnnxTensorInfo> Tensors)
{
    /// <summary>What crosses the cut after this block: the sum of its tensors' bytes.</summary>
    public long Bytes => Tensors.Sum(t => t.Bytes);
}

/// <summary>What the service knows of an uploaded model before any benchmark.</summary>
/// <param name="Inputs">The model's inputs, with the shapes used for analysis and benchmarks.</param>
/// <param name="Blocks">The blocks in order; layers are the graph's nodes in topological order.</param>
/// <param name="LayerCount">Number of layers (nodes).</param>
/// <param name="Dimensions">Values given to symbolic input dimensions.</param>
/// <param name="Cuts">The <see cref="CutRule"/> the blocks were found with.</param>
/// <param name="Vocabulary">Integer inputs that are token ids are drawn below this (<see cref="DeterministicInput"/>).</param>
public sealed record OnnxAnalysis(
    IReadOnlyList<OnnxTensorInfo> Inputs,
    IReadOnlyList<OnnxBlock> Blocks,
    int LayerCount,
    IReadOnlyDictionary<string, long> Dimensions,
    string Cuts,
    long Vocabulary)
{
    /// <summary>The model's outputs: what the last block hands on.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs => Blocks[^1].Tensors;
}

/// <summary>How an upload is analysed: symbolic dimensions, which cuts, and the token vocabulary of integer inputs.</summary>
public sealed record AnalysisOptions
{
    public IReadOnlyDictionary<string, long> Dimensions { get; init; } = new Dictionary<string, long>();

    public CutRule Cuts { get; init; } = CutRule.Default;

    public long Vocabulary { get; init; } = DeterministicInput.DefaultVocabulary;

    /// <summary>Largest vocabulary accepted.</summary>
    public const long MaxVocabulary = 10_000_000;
}
