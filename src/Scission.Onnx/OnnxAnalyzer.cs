using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Scission.Onnx;

/// <summary>
/// Finds a model's blocks and the size of every tensor that crosses a cut. Sizes come from running the model
/// once on a deterministic input with every block output exposed as a graph output, which ONNX Runtime
/// accepts and which gives exact shapes even where the file declares none.
/// </summary>
public static class OnnxAnalyzer
{
    /// <summary>Analyses <paramref name="bytes"/>; <paramref name="dimensions"/> fixes symbolic input dimensions by name or as <c>dimN</c>.</summary>
    /// <exception cref="OnnxModelException">The model cannot be read, cut or run.</exception>
    public static OnnxAnalysis Analyze(byte[] bytes, IReadOnlyDictionary<string, long>? dimensions = null) =>
        Analyze(OnnxGraph.Parse(bytes), dimensions);

    internal static OnnxAnalysis Analyze(OnnxGraph graph, IReadOnlyDictionary<string, long>? dimensions)
    {
        var blocks = SplitPoints.Blocks(graph);
        var (inputShape, used) = InputShape(graph, dimensions ?? new Dictionary<string, long>());
        var probed = Probe(graph, blocks.Select(b => b.Output).Distinct().ToList(), inputShape);
        var input = probed.Input;
        var result = new List<OnnxBlock>();
        var first = 0;
        foreach (var (last, output) in blocks)
        {
            result.Add(new OnnxBlock(first, last, probed.Tensors[output]));
            first = last + 1;
        }

        return new OnnxAnalysis(input, result, graph.Nodes.Count, used);
    }

    internal static (long[] Shape, Dictionary<string, long> Used) InputShape(OnnxGraph graph, IReadOnlyDictionary<string, long> dimensions)
    {
        var info = graph.Model.Graph.Input.Single(i => i.Name == graph.Input);
        if (info.Type?.TensorType is not { } tensor)
        {
            throw new OnnxModelException($"input '{graph.Input}' is not a tensor");
        }

        if (tensor.ElemType != (int)TensorProto.Types.DataType.Float)
        {
            throw new OnnxModelException($"input '{graph.Input}' has element type {(TensorProto.Types.DataType)tensor.ElemType}; only float inputs can be benchmarked");
        }

        var used = new Dictionary<string, long>(StringComparer.Ordinal);
        var dims = tensor.Shape?.Dim ?? [];
        var shape = new long[dims.Count];
        for (var d = 0; d < dims.Count; d++)
        {
            var dim = dims[d];
            if (dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && dim.DimValue > 0)
            {
                shape[d] = dim.DimValue;
                continue;
            }

            // A symbolic dimension is fixed by its name or by its position (dim2 for the third).
            var name = dim.DimParam is { Length: > 0 } param ? param : $"dim{d}";
            if (dimensions.TryGetValue(name, out var value) || dimensions.TryGetValue($"dim{d}", out value))
            {
                shape[d] = value;
            }
            else if (d == 0)
            {
                shape[d] = 1; // batch
            }
            else
            {
                throw new OnnxModelException($"dimension {d} ('{name}') of input '{graph.Input}' is symbolic: give it a value by name or position, e.g. dims=dim{d}:640", "dims");
            }

            used[name] = shape[d];
        }

        return (shape, used);
    }

    private static (OnnxTensorInfo Input, Dictionary<string, OnnxTensorInfo> Tensors) Probe(OnnxGraph graph, List<string> tensors, long[] inputShape)
    {
        var model = graph.Model.Clone();
        var outputs = model.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in tensors.Where(t => !outputs.Contains(t)))
        {
            model.Graph.Output.Add(new ValueInfoProto { Name = name });
        }

        try
        {
            using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
            OnnxEnvironment.UseGlobalThreads(options);
            using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(model), options);
            using var input = OrtValue.CreateTensorValueFromMemory(DeterministicInput.Floats(inputShape), inputShape);
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, [graph.Input], [input], tensors);
            var infos = new Dictionary<string, OnnxTensorInfo>(StringComparer.Ordinal);
            for (var i = 0; i < tensors.Count; i++)
            {
                infos[tensors[i]] = Describe(tensors[i], results[i]);
            }

            return (Describe(graph.Input, input), infos);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new OnnxModelException($"ONNX Runtime cannot run the model: {exception.Message}");
        }
    }

    internal static OnnxTensorInfo Describe(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var (type, size) = TensorTypes.Describe(info.ElementDataType);
        return new OnnxTensorInfo(name, type, info.Shape, info.ElementCount * size);
    }
}
