using Microsoft.ML.OnnxRuntime;

namespace Scission.Onnx;

/// <summary>Runs segments one after another, handing tensors on by name, as a deployed plan would.</summary>
public static class SegmentChain
{
    /// <summary>
    /// Runs the segments one after another, each fed by name from <paramref name="inputs"/> and what earlier
    /// segments produced, and returns every tensor known at the end (the model's outputs among them).
    /// </summary>
    public static Dictionary<string, TensorData> Run(IEnumerable<byte[]> segments, IEnumerable<TensorData> inputs)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        OnnxEnvironment.UseGlobalThreads(options);
        using var runOptions = new RunOptions();
        var available = inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            using var session = new InferenceSession(segment, options);
            using var values = new OrtValues(OnnxProfiler.Feed(session, available));
            using var outputs = session.Run(runOptions, session.InputNames, values.Values, session.OutputNames);
            for (var o = 0; o < outputs.Count; o++)
            {
                available[session.OutputNames[o]] = TensorData.From(session.OutputNames[o], outputs[o]);
            }
        }

        return available;
    }

    /// <summary>A single-input model's segments run on a float input: the last segment's outputs, in its order, as arrays.</summary>
    public static IReadOnlyList<float[]> Run(IEnumerable<byte[]> segments, float[] input, long[] shape)
    {
        var list = segments.ToList();
        string inputName;
        string[] outputNames;
        using (var first = new InferenceSession(list[0]))
        {
            inputName = first.InputNames[0];
        }

        using (var last = new InferenceSession(list[^1]))
        {
            outputNames = [.. last.OutputNames];
        }

        var bytes = new byte[input.Length * sizeof(float)];
        Buffer.BlockCopy(input, 0, bytes, 0, bytes.Length);
        var available = Run(list, [new TensorData(inputName, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, shape, bytes)]);
        return [.. outputNames.Select(name => available[name].ToFloats())];
    }
}
