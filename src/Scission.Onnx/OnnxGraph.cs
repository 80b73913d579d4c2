using Google.Protobuf;
using Onnx;

namespace Scission.Onnx;

/// <summary>
/// A parsed ONNX model with its nodes in a deterministic topological order (Kahn's algorithm, ties broken by
/// position in the file) and, for each node, every tensor it reads, including those its sub-graphs read from
/// the enclosing scope. Constants (initializers, Constant nodes and whatever is computed from them alone)
/// are told apart from activations, which are what crosses a cut.
/// </summary>
internal sealed class OnnxGraph
{
    private OnnxGraph(ModelProto model, List<NodeProto> nodes, List<HashSet<string>> reads, HashSet<string> constants, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        Model = model;
        Nodes = nodes;
        Reads = reads;
        Constants = constants;
        Inputs = inputs;
        Outputs = outputs;
    }

    public ModelProto Model { get; }

    /// <summary>Nodes in layer order: layer <c>i</c> is <c>Nodes[i]</c>.</summary>
    public IReadOnlyList<NodeProto> Nodes { get; }

    /// <summary>Per layer, every tensor name the node reads.</summary>
    public IReadOnlyList<HashSet<string>> Reads { get; }

    public HashSet<string> Constants { get; }

    /// <summary>The model's activation inputs (graph inputs that are not initializers), in the file's order.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    public static OnnxGraph Parse(byte[] bytes)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new OnnxModelException($"not an ONNX model (or a truncated one): {exception.Message}");
        }

        var graph = model.Graph;
        if (graph is null || graph.Node.Count == 0)
        {
            throw new OnnxModelException("not an ONNX model: it has no graph nodes");
        }

        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Select(i => i.Name).Where(name => !initializers.Contains(name)).ToList();
        if (inputs.Count == 0)
        {
            throw new OnnxModelException("the model has no input");
        }

        if (graph.Output.Count == 0)
        {
            throw new OnnxModelException("the model has no output");
        }

        var reads = graph.Node.Select(NodeReads).ToList();
        var order = TopologicalOrder(graph, reads, initializers, [.. inputs]);
        var nodes = order.Select(i => graph.Node[i]).ToList();
        var orderedReads = order.Select(i => reads[i]).ToList();
        return new OnnxGraph(model, nodes, orderedReads, ConstantTensors(nodes, orderedReads, initializers), inputs, [.. graph.Output.Select(o => o.Name)]);
    }

    public byte[] ToBytes() => Model.ToByteArray();

    /// <summary>Tensors the node reads: its inputs, plus outer-scope names its sub-graphs (If, Loop, Scan) use.</summary>
    private static HashSet<string> NodeReads(NodeProto node)
    {
        var names = node.Input.Where(name => name.Length > 0).ToHashSet(StringComparer.Ordinal);
        foreach (var attribute in node.Attribute)
        {
            foreach (var subgraph in attribute.Graphs.Append(attribute.G).Where(g => g is not null))
            {
                names.UnionWith(FreeNames(subgraph));
            }
        }

        return names;
    }

    private static IEnumerable<string> FreeNames(GraphProto graph)
    {
        var defined = graph.Input.Select(i => i.Name).Concat(graph.Initializer.Select(i => i.Name)).Concat(graph.Node.SelectMany(n => n.Output)).ToHashSet(StringComparer.Ordinal);
        return graph.Node.SelectMany(NodeReads).Concat(graph.Output.Select(o => o.Name)).Where(name => !defined.Contains(name)).Distinct();
    }

    private static List<int> TopologicalOrder(GraphProto graph, List<HashSet<string>> reads, HashSet<string> initializers, HashSet<string> inputs)
    {
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            foreach (var output in graph.Node[i].Output.Where(o => o.Length > 0))
            {
                if (!producer.TryAdd(output, i))
                {
                    throw new OnnxModelException($"tensor '{output}' is produced by two nodes");
                }
            }
        }

        var waiting = new int[graph.Node.Count];
        var consumers = new List<int>[graph.Node.Count];
        for (var i = 0; i < graph.Node.Count; i++)
        {
            consumers[i] = [];
        }

        for (var i = 0; i < graph.Node.Count; i++)
        {
            foreach (var name in reads[i])
            {
                if (producer.TryGetValue(name, out var from))
                {
                    waiting[i]++;
                    consumers[from].Add(i);
                }
                else if (!initializers.Contains(name) && !inputs.Contains(name))
                {
                    throw new OnnxModelException($"node '{graph.Node[i].Name}' ({graph.Node[i].OpType}) reads '{name}', which nothing produces");
                }
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < graph.Node.Count; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(graph.Node.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var consumer in consumers[next])
            {
                if (--waiting[consumer] == 0)
                {
                    ready.Enqueue(consumer, consumer);
                }
            }
        }

        return order.Count == graph.Node.Count ? order : throw new OnnxModelException("the graph has a cycle");
    }

    private static HashSet<string> ConstantTensors(List<NodeProto> nodes, List<HashSet<string>> reads, HashSet<string> initializers)
    {
        var constants = new HashSet<string>(initializers, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            // A node that reads only constants computes a constant (Constant nodes read nothing at all).
            if (reads[i].All(constants.Contains))
            {
                constants.UnionWith(nodes[i].Output.Where(o => o.Length > 0));
            }
        }

        return constants;
    }
}
