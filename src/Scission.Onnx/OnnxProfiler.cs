using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Scission.Onnx;

/// <summary>
/// Benchmarks a model with ONNX Runtime: the whole model, then every block on its own segment with one session
/// each (created once), fed the previous block's real output; finally checks that the chained output equals the
/// whole model's within tolerance, and fails loudly when it does not.
/// </summary>
public static class OnnxProfiler
{
    public static ModelProfile Profile(OnnxModel model, byte[] modelBytes, ProfileSettings settings, IProgress<ProfileProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var wall = Stopwatch.StartNew();
        var analysis = model.Analysis;
        var input = settings.Input ?? DeterministicInput.Floats(analysis.Input.Shape);
        using var options = Options(settings);
        using var runOptions = new RunOptions();

        progress?.Report(new ProfileProgress(-1, analysis.Blocks.Count, "whole model"));
        var wholeOnly = Stopwatch.StartNew();
        using var whole = new InferenceSession(modelBytes, options);
        using var wholeInput = OrtValue.CreateTensorValueFromMemory(input, analysis.Input.Shape);
        var (wholeTimes, wholeOutputs) = Time(whole, runOptions, wholeInput, settings, cancellationToken);
        wholeOnly.Stop();

        var blocks = new List<BlockTiming>();
        var current = wholeInput;
        var owned = new List<IDisposable>();
        try
        {
            for (var b = 0; b < analysis.Blocks.Count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ProfileProgress(b, analysis.Blocks.Count, "block"));
                var block = analysis.Blocks[b];
                var session = new InferenceSession(model.Segment(block.FirstLayer, block.LastLayer), options);
                owned.Add(session);
                var (times, outputs) = Time(session, runOptions, current, settings, cancellationToken);
                owned.Add(outputs);
                blocks.Add(new BlockTiming(b, block.FirstLayer, block.LastLayer, Median(times), Percentile(times, 0.9), StdDev(times), times.Count, block.Output.Bytes));
                current = outputs[0];
                if (b == analysis.Blocks.Count - 1)
                {
                    var difference = Check(outputs, wholeOutputs, settings);
                    var wholeMedian = Median(wholeTimes);
                    var sum = blocks.Sum(t => t.MedianSeconds);
                    return new ModelProfile(blocks, wholeMedian, Percentile(wholeTimes, 0.9), sum, sum / wholeMedian, difference, Provenance(settings), wall.Elapsed.TotalSeconds, wholeOnly.Elapsed.TotalSeconds);
                }
            }
        }
        finally
        {
            wholeOutputs.Dispose();
            foreach (var item in Enumerable.Reverse(owned))
            {
                item.Dispose();
            }
        }

        throw new InvalidOperationException("a model has at least one block");
    }

    /// <summary>Runs the segments one after another on <paramref name="input"/> and returns the last one's outputs as arrays.</summary>
    public static IReadOnlyList<float[]> Chain(IEnumerable<byte[]> segments, float[] input, long[] shape)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var runOptions = new RunOptions();
        var data = new List<float[]> { input };
        var dataShape = shape;
        foreach (var segment in segments)
        {
            using var session = new InferenceSession(segment, options);
            using var value = OrtValue.CreateTensorValueFromMemory(data[0], dataShape);
            using var outputs = session.Run(runOptions, [session.InputNames[0]], [value], session.OutputNames);
            data = [.. outputs.Select(o => o.GetTensorDataAsSpan<float>().ToArray())];
            dataShape = outputs[0].GetTensorTypeAndShape().Shape;
        }

        return data;
    }

    private static SessionOptions Options(ProfileSettings settings) => new()
    {
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        IntraOpNumThreads = settings.IntraOpThreads,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    private static (List<double> Seconds, IDisposableReadOnlyCollection<OrtValue> Outputs) Time(InferenceSession session, RunOptions runOptions, OrtValue input, ProfileSettings settings, CancellationToken cancellationToken)
    {
        string[] inputs = [session.InputNames[0]];
        for (var i = 0; i < settings.Warmup; i++)
        {
            session.Run(runOptions, inputs, [input], session.OutputNames).Dispose();
        }

        var seconds = new List<double>(settings.Repeats);
        IDisposableReadOnlyCollection<OrtValue>? last = null;
        for (var i = 0; i < settings.Repeats; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            last?.Dispose();
            var started = Stopwatch.GetTimestamp();
            last = session.Run(runOptions, inputs, [input], session.OutputNames);
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        return (seconds, last!);
    }

    private static double Check(IReadOnlyList<OrtValue> chained, IReadOnlyList<OrtValue> whole, ProfileSettings settings)
    {
        var worst = 0.0;
        for (var o = 0; o < whole.Count; o++)
        {
            var expected = whole[o].GetTensorDataAsSpan<float>();
            var actual = chained[o].GetTensorDataAsSpan<float>();
            if (expected.Length != actual.Length)
            {
                throw new EquivalenceException($"output {o}: the chained blocks give {actual.Length} values, the whole model {expected.Length}");
            }

            for (var i = 0; i < expected.Length; i++)
            {
                var difference = Math.Abs((double)actual[i] - expected[i]);
                worst = Math.Max(worst, difference);
                if (!(difference <= settings.AbsoluteTolerance + (settings.RelativeTolerance * Math.Abs(expected[i]))))
                {
                    throw new EquivalenceException($"output {o}, element {i}: the chained blocks give {actual[i]}, the whole model {expected[i]}");
                }
            }
        }

        return worst;
    }

    private static RuntimeProvenance Provenance(ProfileSettings settings) => new(
        $"onnxruntime {OrtEnv.Instance().GetVersionString()}",
        "CPUExecutionProvider",
        settings.IntraOpThreads == 0 ? $"intra-op: runtime default ({Environment.ProcessorCount} cores), inter-op: sequential" : $"intra-op: {settings.IntraOpThreads}, inter-op: sequential",
        CpuModel(),
        RuntimeInformation.OSDescription,
        DateTimeOffset.UtcNow);

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    private static double StdDev(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
