using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Scission.Domain.Catalog;

namespace Scission.Onnx;

/// <summary>
/// Benchmarks a model with ONNX Runtime: the whole model, then every block on its own segment, fed the previous
/// block's real output; finally checks that the chained output equals the whole model's within tolerance, and
/// fails loudly when it does not. Only one session is alive at a time: sessions kept alive together each hold an
/// intra-op thread pool whose spinning threads compete for the cores, which inflated every block's time (the sum
/// of blocks came to 2.7 times the whole model on a 2-core machine, against about 1 with this method).
/// </summary>
public static class OnnxProfiler
{
    public static ModelProfile Profile(OnnxModel model, byte[] modelBytes, ProfileSettings settings, IProgress<ProfileProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var wall = Stopwatch.StartNew();
        var analysis = model.Analysis;
        var input = new Tensor(settings.Input ?? DeterministicInput.Floats(analysis.Input.Shape), analysis.Input.Shape);

        progress?.Report(new ProfileProgress(-1, analysis.Blocks.Count, "whole model"));
        var whole = Measure(modelBytes, input, settings, cancellationToken);

        var blocks = new List<BlockTiming>();
        var current = input;
        IReadOnlyList<Tensor> outputs = [];
        for (var b = 0; b < analysis.Blocks.Count; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProfileProgress(b, analysis.Blocks.Count, "block"));
            var block = analysis.Blocks[b];
            var measured = Measure(model.Segment(block.FirstLayer, block.LastLayer), current, settings, cancellationToken);
            blocks.Add(new BlockTiming(b, block.FirstLayer, block.LastLayer, block.Output.Bytes, measured.Statistics));
            outputs = measured.Outputs;
            current = outputs[0];
        }

        var difference = Check(outputs, whole.Outputs, settings);
        var ratio = blocks.Sum(t => t.MedianSeconds) / whole.Statistics.MedianSeconds;
        using var process = Process.GetCurrentProcess();
        return new ModelProfile(blocks, whole.Statistics, ratio, difference, Provenance(settings), wall.Elapsed.TotalSeconds, process.PeakWorkingSet64);
    }

    /// <summary>Runs the segments one after another on <paramref name="input"/> and returns the last one's outputs as arrays.</summary>
    public static IReadOnlyList<float[]> Chain(IEnumerable<byte[]> segments, float[] input, long[] shape)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        OnnxEnvironment.UseGlobalThreads(options);
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

    /// <summary>
    /// One model or segment in a session of its own: creation, a cold run that also records where each node ran,
    /// warm-up, timed runs; its outputs are copied out so the session can go before the next one starts.
    /// </summary>
    private static Measured Measure(byte[] model, Tensor input, ProfileSettings settings, CancellationToken cancellationToken)
    {
        using var options = Options(settings);
        var creating = Stopwatch.GetTimestamp();
        using var session = CreateSession(model, options, settings.Provider);
        var sessionSeconds = Stopwatch.GetElapsedTime(creating).TotalSeconds;

        using var runOptions = new RunOptions();
        using var value = OrtValue.CreateTensorValueFromMemory(input.Data, input.Shape);
        string[] inputs = [session.InputNames[0]];
        var cold = Stopwatch.GetTimestamp();
        IDisposableReadOnlyCollection<OrtValue> last = session.Run(runOptions, inputs, [value], session.OutputNames);
        var coldSeconds = Stopwatch.GetElapsedTime(cold).TotalSeconds;
        try
        {
            var providers = Placement(session);
            for (var i = 0; i < settings.Warmup; i++)
            {
                last.Dispose();
                last = session.Run(runOptions, inputs, [value], session.OutputNames);
            }

            // A lambda, not last.Dispose: a method group would bind to the outputs of the warm-up, once.
            var times = RunTimer.Time(() => last.Dispose(), () => last = session.Run(runOptions, inputs, [value], session.OutputNames), settings.Repeats, settings.MinSeconds, cancellationToken);
            var asked = ExecutionProviders.OrtName(settings.Provider);
            var fellBack = settings.Provider != ExecutionProviders.Cpu && providers.Any(p => p != asked);
            var statistics = RunTimer.Summarise(times, coldSeconds, sessionSeconds, providers, fellBack);
            return new Measured(statistics, [.. last.Select(o => new Tensor(o.GetTensorDataAsSpan<float>().ToArray(), o.GetTensorTypeAndShape().Shape))]);
        }
        finally
        {
            last.Dispose();
        }
    }

    private static InferenceSession CreateSession(byte[] model, SessionOptions options, string provider)
    {
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException exception) when (provider != ExecutionProviders.Cpu)
        {
            // With a provider appended, a failure to create the session is almost always the provider's (no device, no driver).
            throw new ProviderUnavailableException(provider, exception.Message);
        }
    }

    /// <summary>
    /// Ends the session's profiling (only its first run was profiled) and reads which providers ran the nodes. A
    /// trace that cannot be read leaves the placement unknown (empty) rather than voiding the timings.
    /// </summary>
    private static IReadOnlyList<string> Placement(InferenceSession session)
    {
        var file = session.EndProfiling();
        try
        {
            return NodePlacement.Providers(file);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return [];
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static SessionOptions Options(ProfileSettings settings)
    {
        var options = new SessionOptions
        {
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            IntraOpNumThreads = settings.IntraOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            EnableProfiling = true,
            ProfileOutputPathPrefix = Path.Combine(Path.GetTempPath(), $"scission-ort-{Guid.NewGuid():N}"),
        };
        try
        {
            if (settings.IntraOpThreads == 0)
            {
                OnnxEnvironment.UseGlobalThreads(options);
            }

            ExecutionProviders.Append(options, settings.Provider);
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static double Check(IReadOnlyList<Tensor> chained, IReadOnlyList<Tensor> whole, ProfileSettings settings)
    {
        var worst = 0.0;
        if (chained.Count != whole.Count)
        {
            throw new EquivalenceException($"the chained blocks give {chained.Count} outputs, the whole model {whole.Count}");
        }

        for (var o = 0; o < whole.Count; o++)
        {
            var expected = whole[o].Data;
            var actual = chained[o].Data;
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
        ExecutionProviders.OrtName(settings.Provider),
        settings.IntraOpThreads == 0
            ? $"intra-op: runtime default ({Environment.ProcessorCount} cores){(OnnxEnvironment.HasGlobalThreads ? ", shared by all sessions" : "")}, inter-op: sequential, one session at a time" : $"intra-op: {settings.IntraOpThreads}, inter-op: sequential, one session at a time",
        MachineInfo.CpuModel(),
        RuntimeInformation.OSDescription,
        DateTimeOffset.UtcNow);

    private sealed record Measured(RunStatistics Statistics, IReadOnlyList<Tensor> Outputs);

    private sealed record Tensor(float[] Data, long[] Shape);
}
