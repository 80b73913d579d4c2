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

    /// <summary>Parses a model already analysed (the analysis is stored with it).</summary>
    public static OnnxModel Load(byte[] bytes, OnnxAnalysis analysis) => new(OnnxGraph.Parse(bytes), analysis);

    /// <summary>Parses and analyses a model.</summary>
    public static OnnxModel Analyze(byte[] bytes, IReadOnlyDictionary<string, long>? dimensions = null)
    {
        var graph = OnnxGraph.Parse(bytes);
        return new(graph, OnnxAnalyzer.Analyze(graph, dimensions));
    }

    /// <summary>Whether <paramref name="firstLayer"/>-<paramref name="lastLayer"/> starts and ends on block boundaries.</summary>
    public bool TryBlockRange(int firstLayer, int lastLayer, out int firstBlock, out int lastBlock)
    {
        firstBlock = Analysis.Blocks.ToList().FindIndex(b => b.FirstLayer == firstLayer);
        lastBlock = Analysis.Blocks.ToList().FindIndex(b => b.LastLayer == lastLayer);
        return firstBlock >= 0 && lastBlock >= firstBlock;
    }

    /// <summary>
    /// A valid ONNX model of exactly the layers <paramref name="firstLayer"/>-<paramref name="lastLayer"/>: its single
    /// input is the tensor entering the range, its output the tensor leaving it (the model's outputs for the last block).
    /// Constants the range reads but an earlier layer computes are copied in, so the segment stands alone.
    /// </summary>
    public byte[] Segment(int firstLayer, int lastLayer)
    {
        if (!TryBlockRange(firstLayer, lastLayer, out var firstBlock, out var lastBlock))
        {
            throw new OnnxModelException($"layers {firstLayer}-{lastLayer} do not start and end on block boundaries", "range");
        }

        var source = _graph.Model;
        var blocks = Analysis.Blocks;
        var graph = new GraphProto { Name = $"{source.Graph.Name}_layers_{firstLayer}_{lastLayer}" };
        graph.Input.Add(firstBlock == 0 ? source.Graph.Input.Single(i => i.Name == _graph.Input).Clone() : ValueInfo(blocks[firstBlock - 1].Output));
        if (lastBlock == blocks.Count - 1)
        {
            graph.Output.AddRange(source.Graph.Output.Select(o => o.Clone()));
        }
        else
        {
            graph.Output.Add(ValueInfo(blocks[lastBlock].Output));
        }

        var layers = ConstantProducers(firstLayer, lastLayer).Concat(Enumerable.Range(firstLayer, lastLayer - firstLayer + 1)).ToList();
        graph.Node.AddRange(layers.Select(layer => _graph.Nodes[layer].Clone()));
        var reads = layers.SelectMany(layer => _graph.Reads[layer]).ToHashSet(StringComparer.Ordinal);
        var initializers = source.Graph.Initializer.Where(i => reads.Contains(i.Name)).ToList();
        graph.Initializer.AddRange(initializers.Select(i => i.Clone()));
        if (source.IrVersion < 4)
        {
            // Before IR 4 every initializer must also be declared as a graph input.
            var declared = source.Graph.Input.ToDictionary(i => i.Name, StringComparer.Ordinal);
            graph.Input.AddRange(initializers.Where(i => declared.ContainsKey(i.Name)).Select(i => declared[i.Name].Clone()));
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

    /// <summary>Layers before the range that compute constants the range (or those constants) read.</summary>
    private List<int> ConstantProducers(int firstLayer, int lastLayer)
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
        var pending = new Stack<string>(Enumerable.Range(firstLayer, lastLayer - firstLayer + 1).SelectMany(layer => _graph.Reads[layer]).Where(_graph.Constants.Contains));
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
