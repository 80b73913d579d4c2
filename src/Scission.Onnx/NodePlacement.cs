using System.Text.Json;

namespace Scission.Onnx;

/// <summary>Reads ONNX Runtime's profiling output (a JSON array of trace events): which providers ran the nodes, and how long each node's kernels took.</summary>
internal static class NodePlacement
{
    private const string KernelSuffix = "_kernel_time";

    /// <summary>
    /// The distinct providers named by the file's node events, in order of first appearance, and the microseconds
    /// of kernel time per node name, summed over every run the file covers.
    /// </summary>
    public static (IReadOnlyList<string> Providers, Dictionary<string, double> KernelMicroseconds) Read(string profileFile)
    {
        var providers = new List<string>();
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var trace in NodeEvents(profileFile))
        {
            if (trace.TryGetProperty("args", out var args) && args.TryGetProperty("provider", out var provider)
                && provider.GetString() is { Length: > 0 } name && !providers.Contains(name))
            {
                providers.Add(name);
            }

            if (trace.TryGetProperty("name", out var eventName) && eventName.GetString() is { } text && text.EndsWith(KernelSuffix, StringComparison.Ordinal)
                && trace.TryGetProperty("dur", out var duration) && duration.TryGetDouble(out var micros))
            {
                var node = text[..^KernelSuffix.Length];
                times[node] = times.GetValueOrDefault(node) + micros;
            }
        }

        return (providers, times);
    }

    private static List<JsonElement> NodeEvents(string profileFile)
    {
        // Only the first JSON value: what may follow the trace's closing bracket is not ours to read.
        var reader = new Utf8JsonReader(File.ReadAllBytes(profileFile), new JsonReaderOptions { AllowMultipleValues = true });
        using var document = JsonDocument.ParseValue(ref reader);
        return [.. document.RootElement.EnumerateArray()
            .Where(trace => trace.TryGetProperty("cat", out var category) && category.ValueEquals("Node"))
            .Select(trace => trace.Clone())];
    }
}
