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

        // Optimisations off, every node runs under its file name; kernels the runtime adds regardless (casts for a
        // provider) and unnamed nodes count for no block, which only shifts time between neighbours in a group.
        var perLayer = new double[model.Graph.Nodes.Count];
        for (var layer = 0; layer < perLayer.Length; layer++)
        {
            var name = model.Graph.Nodes[layer].Name;
            perLayer[layer] = name.Length > 0 ? kernelMicroseconds.GetValueOrDefault(name) : 0;
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
}
