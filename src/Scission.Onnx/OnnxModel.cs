using Google.Protobuf;
using Onnx;

namespace Scission.Onnx;

/// <summary>A parsed model and its analysis, from which segments (runs of whole blocks) are cut.</summary>
public sealed class OnnxModel
{
    private readonly OnnxGraph _graph;

    private OnnxModel(OnnxGraph graph, OnnxAnalysis analysis)
    {
        _graph = graph;
        Analysis = analysis;
    }

    public OnnxAnalysis Analysis { get; }

    internal OnnxGraph Graph => _graph;

    /// <summary>Parses a model already analysed (the analysis is stored with it).</summary>
    public static OnnxModel Load(byte[] bytes, OnnxAnalysis analysis) => new(OnnxGraph.Parse(bytes), analysis);

    /// <summary>Parses and analyses a model.</summary>
    public static OnnxModel Analyze(byte[] bytes, AnalysisOptions? options = null)
    {
        var graph = OnnxGraph.Parse(bytes);
        return new(graph, OnnxAnalyzer.Analyze(graph, options ?? new AnalysisOptions()));
    }

    /// <summary>Whether <paramref name="firstLayer"/>-<paramref name="lastLayer"/> starts and ends on block boundaries.</summary>
    public bool TryBlockRange(int firstLayer, int lastLayer, out int firstBlock, out int lastBlock)
    {
        firstBlock = Analysis.Blocks.ToList().FindIndex(b => b.FirstLayer == firstLayer);
        lastBlock = Analysis.Blocks.ToList().FindIndex(b => b.LastLayer == lastLayer);
        return firstBlock >= 0 && lastBlock >= firstBlock;
    }

    /// <summary>
    /// A valid ONNX model of exactly the layers <paramref name="firstLayer"/>-<paramref name="lastLayer"/>. Its inputs
    /// are the tensors crossing into the range that it reads (graph inputs keep their declared types and symbolic
    /// dimensions); its outputs are the tensors it produces that cross out of it (in the last block, the model's
    /// outputs it produces, and those that are constants: a weight or a Constant node's value the model returns).
    /// Names are the model's, so consecutive segments connect by name; a tensor that passes a segment by without
    /// being read is not in it, and is handed on beside it. Constants the range reads (or, in the last block,
    /// returns) but an earlier layer computes are copied in, so the segment stands alone.
    /// </summary>
    public byte[] Segment(int firstLayer, int lastLayer)
    {
        if (!TryBlockRange(firstLayer, lastLayer, out var firstBlock, out var lastBlock))
        {
            throw new OnnxModelException($"layers {firstLayer}-{lastLayer} do not start and end on block boundaries", "range");
        }

        var source = _graph.Model;
        var blocks = Analysis.Blocks;
        var range = Enumerable.Range(firstLayer, lastLayer - firstLayer + 1).ToList();
        var produced = range.SelectMany(layer => _graph.Nodes[layer].Output).Where(o => o.Length > 0).ToHashSet(StringComparer.Ordinal);
        var reads = range.SelectMany(layer => _graph.Reads[layer]).ToHashSet(StringComparer.Ordinal);
        var entering = firstBlock == 0 ? Analysis.Inputs : blocks[firstBlock - 1].Tensors;
        var leaving = blocks[lastBlock].Tensors;
        var declaredInputs = source.Graph.Input.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var declaredOutputs = source.Graph.Output.ToDictionary(o => o.Name, StringComparer.Ordinal);
        // Nothing produces a constant output at run time, so the last block returns it, computed or carried there.
        var constantOutputs = lastBlock == blocks.Count - 1
            ? source.Graph.Output.Select(o => o.Name).Where(name => _graph.Constants.Contains(name) && !produced.Contains(name)).ToList()
            : [];

        var graph = new GraphProto { Name = $"{source.Graph.Name}_layers_{firstLayer}_{lastLayer}" };
        graph.Input.AddRange(entering.Where(t => reads.Contains(t.Name)).Select(t => declaredInputs.TryGetValue(t.Name, out var declared) ? declared.Clone() : ValueInfo(t)));
        graph.Output.AddRange(leaving.Where(t => produced.Contains(t.Name)).Select(t => declaredOutputs.TryGetValue(t.Name, out var declared) ? declared.Clone() : ValueInfo(t)));
        graph.Output.AddRange(constantOutputs.Select(name => declaredOutputs[name].Clone()));
        if (graph.Output.Count == 0)
        {
            throw new OnnxModelException($"layers {firstLayer}-{lastLayer} produce nothing that a later layer or the model's outputs use", "range");
        }

        var layers = ConstantProducers(firstLayer, lastLayer, constantOutputs).Concat(range).ToList();
        graph.Node.AddRange(layers.Select(layer => _graph.Nodes[layer]));
        var allReads = layers.SelectMany(layer => _graph.Reads[layer]).Concat(constantOutputs).ToHashSet(StringComparer.Ordinal);
        var initializers = source.Graph.Initializer.Where(i => allReads.Contains(i.Name)).ToList();
        // Shared, not cloned: the segment is serialised at once and never changed, and a model's weights are most
        // of its bytes (90 MB for MiniLM), which a copy per segment would copy again for every block profiled.
        graph.Initializer.AddRange(initializers);
        if (source.IrVersion < 4)
        {
            // Before IR 4 every initializer must also be declared as a graph input.
            graph.Input.AddRange(initializers.Where(i => declaredInputs.ContainsKey(i.Name)).Select(i => declaredInputs[i.Name].Clone()));
        }

        var model = new ModelProto
        {
            IrVersion = source.IrVersion,
            ProducerName = "scission",
            Domain = source.Domain,
            ModelVersion = source.ModelVersion,
            Graph = graph,
        };
        model.OpsetImport.AddRange(source.OpsetImport.Select(o => o.Clone()));
        model.Functions.AddRange(source.Functions.Select(f => f.Clone()));
        return model.ToByteArray();
    }

    /// <summary>Layers before the range that compute constants the range (or those constants) read, or that <paramref name="returned"/> names.</summary>
    private List<int> ConstantProducers(int firstLayer, int lastLayer, IEnumerable<string> returned)
    {
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var layer = 0; layer < firstLayer; layer++)
        {
            foreach (var output in _graph.Nodes[layer].Output)
            {
                producer[output] = layer;
            }
        }

        var needed = new SortedSet<int>();
        var pending = new Stack<string>(Enumerable.Range(firstLayer, lastLayer - firstLayer + 1).SelectMany(layer => _graph.Reads[layer]).Where(_graph.Constants.Contains).Concat(returned));
        while (pending.TryPop(out var name))
        {
            if (producer.TryGetValue(name, out var layer) && needed.Add(layer))
            {
                foreach (var read in _graph.Reads[layer])
                {
                    pending.Push(read);
                }
            }
        }

        return [.. needed];
    }

    private static ValueInfoProto ValueInfo(OnnxTensorInfo tensor)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(tensor.Shape.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = tensor.Name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = TensorTypes.Code(tensor.ElementType), Shape = shape } },
        };
    }
}
