using Microsoft.ML.OnnxRuntime;
using Scission.Domain.Catalog;

namespace Scission.Onnx;

/// <summary>How blocks measured together (see <see cref="BlockGroups"/>) get their own times.</summary>
internal static class GroupedMeasurement
{
    /// <summary>Profiled runs of the unoptimised model whose per-node times apportion grouped blocks.</summary>
    private const int NodeProfileRuns = 3;

    /// <summary>
    /// Each block's share of the model's kernel time, from a profile of the model with graph optimisations off and
    /// every node named by its layer, so every node maps back to its block exactly. Fusions change kernel times,
    /// not much their proportions within a few neighbouring blocks, which is all this decides.
    /// </summary>
    public static double[] BlockEstimates(OnnxModel model, IReadOnlyList<TensorData> inputs, CancellationToken cancellationToken)
    {
        var analysis = model.Analysis;
        using var options = new SessionOptions
        {
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
            EnableProfiling = true,
            ProfileOutputPathPrefix = Path.Combine(Path.GetTempPath(), $"scission-ort-{Guid.NewGuid():N}"),
        };
        OnnxEnvironment.UseGlobalThreads(options);
        using var session = new InferenceSession(model.Graph.WithLayerNames(), options);
        using var runOptions = new RunOptions();
        using var values = new OrtValues(inputs);
        for (var run = 0; run < NodeProfileRuns; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var outputs = session.Run(runOptions, [.. inputs.Select(i => i.Name)], values.Values, session.OutputNames);
        }

        var file = session.EndProfiling();
        Dictionary<string, double> times;
        try
        {
            times = NodePlacement.KernelMicroseconds(file);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            times = [];
        }
        finally
        {
            File.Delete(file);
        }

        return [.. analysis.Blocks.Select(block => Enumerable.Range(block.FirstLayer, block.LastLayer - block.FirstLayer + 1)
            .Sum(layer => times.GetValueOrDefault(OnnxGraph.LayerName(layer))))];
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
