using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Scission.Onnx;

/// <summary>
/// Finds a model's blocks and the size of every tensor that crosses a cut. Sizes come from running the model
/// once on deterministic inputs with every crossing tensor exposed as a graph output, which ONNX Runtime
/// accepts and which gives exact shapes even where the file declares none.
/// </summary>
public static class OnnxAnalyzer
{
    /// <summary>Analyses <paramref name="bytes"/> as <paramref name="options"/> say (defaults when <c>null</c>).</summary>
    /// <exception cref="OnnxModelException">The model cannot be read, cut or run.</exception>
    public static OnnxAnalysis Analyze(byte[] bytes, AnalysisOptions? options = null) =>
        Analyze(OnnxGraph.Parse(bytes), options ?? new AnalysisOptions());

    internal static OnnxAnalysis Analyze(OnnxGraph graph, AnalysisOptions options)
    {
        var blocks = SplitPoints.Blocks(graph, options.Cuts);
        var used = new Dictionary<string, long>(StringComparer.Ordinal);
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var inputs = graph.Inputs.Select((name, i) => Input(graph, name, i, options, used, accepted)).ToList();
        // A name no symbolic dimension has (nor its position) is a typo, and what was meant would silently be its
        // default (a batch of 1): refused instead.
        var unknown = options.Dimensions.Keys.Where(name => !accepted.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var known = used.Count == 0 ? "it has none" : $"its symbolic dimensions are {string.Join(", ", used.Keys.Order(StringComparer.Ordinal))} (or give one by position: dim2 for the third)";
            throw new OnnxModelException($"the model's inputs have no symbolic dimension {string.Join(", ", unknown)}; {known}", "dims");
        }

        var probed = Probe(graph, inputs, blocks.SelectMany(b => b.Tensors).Distinct(StringComparer.Ordinal).ToList());
        var result = new List<OnnxBlock>();
        var first = 0;
        foreach (var (last, tensors) in blocks)
        {
            result.Add(new OnnxBlock(first, last, [.. tensors.Select(t => probed[t])]));
            first = last + 1;
        }

        return new OnnxAnalysis([.. graph.Inputs.Select(name => probed[name])], result, graph.Nodes.Count, used, options.Cuts.ToString(), options.Vocabulary);
    }

    private static TensorData Input(OnnxGraph graph, string name, int index, AnalysisOptions options, Dictionary<string, long> used, HashSet<string> accepted)
    {
        var info = graph.Model.Graph.Input.Single(i => i.Name == name);
        if (info.Type?.TensorType is not { } tensor)
        {
            throw new OnnxModelException($"input '{name}' is not a tensor");
        }

        var type = (Microsoft.ML.OnnxRuntime.Tensors.TensorElementType)tensor.ElemType;
        if (TensorTypes.Describe(type).Size == 0)
        {
            throw new OnnxModelException($"input '{name}' has element type {(TensorProto.Types.DataType)tensor.ElemType}; only numeric and bool inputs can be benchmarked");
        }

        return DeterministicInput.For(name, type, Shape(name, tensor, options.Dimensions, used, accepted), options.Vocabulary, 20_200_803 + index);
    }

    private static long[] Shape(string input, TypeProto.Types.Tensor tensor, IReadOnlyDictionary<string, long> dimensions, Dictionary<string, long> used, HashSet<string> accepted)
    {
        var dims = tensor.Shape?.Dim ?? [];
        var shape = new long[dims.Count];
        for (var d = 0; d < dims.Count; d++)
        {
            var dim = dims[d];
            if (dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && dim.DimValue > 0)
            {
                shape[d] = dim.DimValue;
                // By position, a fixed dimension may be restated (dim2:48 for [N, 3, 48, W]), never changed.
                if (dimensions.TryGetValue($"dim{d}", out var restated) && restated == dim.DimValue)
                {
                    accepted.Add($"dim{d}");
                }

                continue;
            }

            // A symbolic dimension is fixed by its name or by its position (dim2 for the third).
            var name = dim.DimParam is { Length: > 0 } param ? param : $"dim{d}";
            accepted.Add(name);
            accepted.Add($"dim{d}");
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
                throw new OnnxModelException($"dimension {d} ('{name}') of input '{input}' is symbolic: give it a value by name or position, e.g. dims={name}:128 or dims=dim{d}:640", "dims");
            }

            used[name] = shape[d];
        }

        return shape;
    }

    private static Dictionary<string, OnnxTensorInfo> Probe(OnnxGraph graph, List<TensorData> inputs, List<string> tensors)
    {
        var model = graph.Model.Clone();
        var exposed = model.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var inputNames = inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var wanted = tensors.Where(t => !inputNames.Contains(t)).ToList();
        foreach (var name in wanted.Where(exposed.Add))
        {
            model.Graph.Output.Add(new ValueInfoProto { Name = name });
        }

        var infos = inputs.ToDictionary(i => i.Name, Describe, StringComparer.Ordinal);
        try
        {
            using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
            OnnxEnvironment.UseGlobalThreads(options);
            using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(model), options);
            using var values = new OrtValues(inputs);
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, [.. inputs.Select(i => i.Name)], values.Values, wanted);
            for (var i = 0; i < wanted.Count; i++)
            {
                infos[wanted[i]] = Describe(wanted[i], results[i]);
            }

            return infos;
        }
        catch (OnnxRuntimeException exception)
        {
            throw new OnnxModelException($"ONNX Runtime cannot run the model: {exception.Message}");
        }
    }

    private static OnnxTensorInfo Describe(TensorData tensor)
    {
        var size = TensorTypes.Describe(tensor.ElementType).Size;
        return new OnnxTensorInfo(tensor.Name, TensorTypes.Describe(tensor.ElementType).Name, tensor.Shape, tensor.Bytes.LongLength / Math.Max(size, 1) * size);
    }

    internal static OnnxTensorInfo Describe(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var (type, size) = TensorTypes.Describe(info.ElementDataType);
        return new OnnxTensorInfo(name, type, info.Shape, info.ElementCount * size);
    }
}
