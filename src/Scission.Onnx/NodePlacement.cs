using System.Text.Json;

namespace Scission.Onnx;

/// <summary>Reads ONNX Runtime's profiling output (a JSON array of trace events) for the providers that ran each node.</summary>
internal static class NodePlacement
{
    /// <summary>The distinct providers named by the file's node events, in order of first appearance.</summary>
    public static IReadOnlyList<string> Providers(string profileFile)
    {
        // Only the first JSON value: what may follow the trace's closing bracket is not ours to read.
        var reader = new Utf8JsonReader(File.ReadAllBytes(profileFile), new JsonReaderOptions { AllowMultipleValues = true });
        using var document = JsonDocument.ParseValue(ref reader);
        var providers = new List<string>();
        foreach (var trace in document.RootElement.EnumerateArray())
        {
            if (trace.TryGetProperty("cat", out var category) && category.ValueEquals("Node")
                && trace.TryGetProperty("args", out var args) && args.TryGetProperty("provider", out var provider)
                && provider.GetString() is { Length: > 0 } name && !providers.Contains(name))
            {
                providers.Add(name);
            }
        }

        return providers;
    }
}
