using Microsoft.ML.OnnxRuntime;
using Scission.Domain.Catalog;

namespace Scission.Onnx;

/// <summary>How blocks measured together (see <see cref="BlockGroups"/>) get their own times.</summary>
internal static class GroupedMeasurement
{
    /// <summary>
    /// Each block's kernel time in one run of the model with graph optimisations off, traced by the runtime: every
    /// node then runs as itself under its own name, so its time maps back to its layer exactly. With optimisations
    /// on, fused kernels carry one layer's name (a Conv fused with its BatchNormalization is named after the
    /// latter's output), which put a Conv block's time on its neighbour: on ResNet18 with all cuts, blocks summed
    /// to within 6 % of their one-session-each times this way, against 110 % with the optimised trace.
    /// </summary>
    public static double[] BlockEstimates(OnnxModel model, byte[] modelBytes, IReadOnlyList<TensorData> inputs)
    {
        using var options = new SessionOptions
        {
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
            EnableProfiling = true,
            ProfileOutputPathPrefix = Path.Combine(Path.GetTempPath(), $"scission-ort-{Guid.NewGuid():N}"),
        };
        OnnxEnvironment.UseGlobalThreads(options);
        using var session = new InferenceSession(modelBytes, options);
        using var runOptions = new RunOptions();
        using var values = new OrtValues(inputs);
        using (session.Run(runOptions, [.. inputs.Select(i => i.Name)], values.Values, session.OutputNames))
        {
        }

        var file = session.EndProfiling();
        Dictionary<string, double> kernelMicroseconds;
        try
        {
            kernelMicroseconds = NodePlacement.Read(file).KernelMicroseconds;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            kernelMicroseconds = [];
        }
        finally
        {
            File.Delete(file);
        }

        var layers = LayerNames(model.Graph);
        var perLayer = new double[model.Graph.Nodes.Count];
        foreach (var (name, micros) in kernelMicroseconds)
        {
            if (Layer(name, layers) is { } layer)
            {
                perLayer[layer] += micros;
            }
        }

        return [.. model.Analysis.Blocks.Select(block => perLayer.AsSpan(block.FirstLayer, block.LastLayer - block.FirstLayer + 1).ToArray().Sum())];
    }

    public static RunStatistics Apportion(RunStatistics group, double share, string blocks) => group with
    {
        MedianSeconds = group.MedianSeconds * share,
        P90Seconds = group.P90Seconds * share,
        MinSeconds = group.MinSeconds * share,
        MeanSeconds = group.MeanSeconds * share,
        StdDevSeconds = group.StdDevSeconds * share,
        ColdSeconds = group.ColdSeconds * share,
        SessionSeconds = group.SessionSeconds * share,
        GroupBlocks = blocks,
        GroupShare = share,
    };

    /// <summary>Every node name and every tensor a node writes, to the node's layer.</summary>
    private static Dictionary<string, int> LayerNames(OnnxGraph graph)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var layer = 0; layer < graph.Nodes.Count; layer++)
        {
            var node = graph.Nodes[layer];
            foreach (var output in node.Output.Where(o => o.Length > 0))
            {
                names.TryAdd(output, layer);
            }

            if (node.Name.Length > 0)
            {
                names[node.Name] = layer;
            }
        }

        return names;
    }

    private static int? Layer(string traced, Dictionary<string, int> layers)
    {
        if (layers.TryGetValue(traced, out var layer))
        {
            return layer;
        }

        var fused = traced.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash ? traced[..slash] : null;
        if (fused is not null && layers.TryGetValue(fused, out layer))
        {
            return layer;
        }

        const string Nchwc = "_nchwc";
        return traced.EndsWith(Nchwc, StringComparison.Ordinal) && layers.TryGetValue(traced[..^Nchwc.Length], out layer) ? layer : null;
    }
}
