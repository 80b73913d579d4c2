using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Scission.Domain.Catalog;

namespace Scission.Onnx;

/// <summary>
/// Benchmarks a model with ONNX Runtime: the whole model, then every block on its own segment (or small adjacent
/// blocks together, see <see cref="BlockGroups"/>), each fed the real tensors earlier segments produced and the
/// model's inputs, by name; finally checks that every graph output of the chain equals the whole model's within
/// tolerance, and fails loudly when one does not. Only one session is alive at a time: sessions kept alive
/// together each hold an intra-op thread pool whose spinning threads compete for the cores, which inflated every
/// block's time (the sum of blocks came to 2.7 times the whole model on a 2-core machine, against about 1 with
/// this method).
/// </summary>
public static class OnnxProfiler
{
    public static ModelProfile Profile(OnnxModel model, byte[] modelBytes, ProfileSettings settings, IProgress<ProfileProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var wall = Stopwatch.StartNew();
        var analysis = model.Analysis;
        var inputs = DeterministicInput.For(analysis);

        progress?.Report(new ProfileProgress(-1, analysis.Blocks.Count, "whole model"));
        var grouping = settings.Sessions > 0 && analysis.Blocks.Count > settings.Sessions;
        var whole = Measure(modelBytes, inputs, settings, cancellationToken);

        var estimates = grouping ? GroupedMeasurement.BlockEstimates(model, modelBytes, inputs) : [.. analysis.Blocks.Select(_ => 1.0)];
        var groups = BlockGroups.Plan(estimates, settings.Sessions);
        var shares = BlockGroups.Shares(estimates, groups);

        var available = inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var blocks = new List<BlockTiming>();
        foreach (var (first, last) in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProfileProgress(first, analysis.Blocks.Count, first == last ? "block" : $"blocks {first + 1}-{last + 1}"));
            var segment = model.Segment(analysis.Blocks[first].FirstLayer, analysis.Blocks[last].LastLayer);
            var measured = Measure(segment, null, settings, cancellationToken, available);
            foreach (var output in measured.Outputs)
            {
                available[output.Name] = output;
            }

            for (var b = first; b <= last; b++)
            {
                var block = analysis.Blocks[b];
                var statistics = first == last ? measured.Statistics : GroupedMeasurement.Apportion(measured.Statistics, shares[b], $"{first}-{last}");
                blocks.Add(new BlockTiming(b, block.FirstLayer, block.LastLayer, block.Bytes, statistics));
            }
        }

        var difference = Check(whole.Outputs, available, settings);
        var ratio = blocks.Sum(t => t.MedianSeconds) / whole.Statistics.MedianSeconds;
        using var process = Process.GetCurrentProcess();
        return new ModelProfile(blocks, whole.Statistics, ratio, difference, Provenance(settings), wall.Elapsed.TotalSeconds, process.PeakWorkingSet64, groups.Count);
    }

    /// <summary>The whole model alone, measured as in <see cref="Profile"/>: its statistics and the wall time that took.</summary>
    public static (RunStatistics Statistics, double WallSeconds) ProfileWhole(OnnxModel model, byte[] modelBytes, ProfileSettings settings)
    {
        var wall = Stopwatch.StartNew();
        var measured = Measure(modelBytes, DeterministicInput.For(model.Analysis), settings, CancellationToken.None);
        return (measured.Statistics, wall.Elapsed.TotalSeconds);
    }

    private static readonly IReadOnlyList<string> CpuOnly = [ExecutionProviders.OrtName(ExecutionProviders.Cpu)];

    internal static IEnumerable<TensorData> Feed(InferenceSession session, IReadOnlyDictionary<string, TensorData> available) =>
        session.InputNames.Select(name => available.TryGetValue(name, out var tensor)
            ? tensor
            : throw new EquivalenceException($"a segment reads '{name}', which neither the model's inputs nor an earlier segment provide"));

    /// <summary>
    /// One model or segment in a session of its own: creation, a cold run that also records where each node ran,
    /// warm-up, timed runs; its outputs are copied out so the session can go before the next one starts. With
    /// <paramref name="traceWarmups"/> the runtime's trace also covers the warm-ups, for per-node kernel times.
    /// </summary>
    private static Measured Measure(byte[] model, IReadOnlyList<TensorData>? inputs, ProfileSettings settings, CancellationToken cancellationToken, IReadOnlyDictionary<string, TensorData>? available = null, bool traceWarmups = false)
    {
        // Where nodes ran matters only when another provider was asked for: on the CPU provider alone, every node
        // runs on the CPU, and writing and reading a trace per session is much of a tiny segment's cost.
        var traced = traceWarmups || settings.Provider != ExecutionProviders.Cpu;
        using var options = Options(settings, traced);
        var creating = Stopwatch.GetTimestamp();
        using var session = CreateSession(model, options, settings.Provider);
        var sessionSeconds = Stopwatch.GetElapsedTime(creating).TotalSeconds;

        using var runOptions = new RunOptions();
        var fed = inputs ?? [.. Feed(session, available!)];
        using var values = new OrtValues(fed);
        string[] names = [.. fed.Select(i => i.Name)];
        var cold = Stopwatch.GetTimestamp();
        IDisposableReadOnlyCollection<OrtValue> last = session.Run(runOptions, names, values.Values, session.OutputNames);
        var coldSeconds = Stopwatch.GetElapsedTime(cold).TotalSeconds;
        try
        {
            var trace = traced && !traceWarmups ? Trace(session) : NoTrace;
            for (var i = 0; i < settings.Warmup; i++)
            {
                last.Dispose();
                last = session.Run(runOptions, names, values.Values, session.OutputNames);
            }

            trace = traceWarmups ? Trace(session) : trace;
            var providers = settings.Provider == ExecutionProviders.Cpu ? CpuOnly : trace.Providers;

            // A lambda, not last.Dispose: a method group would bind to the outputs of the warm-up, once.
            var times = RunTimer.Time(() => last.Dispose(), () => last = session.Run(runOptions, names, values.Values, session.OutputNames), settings.Repeats, settings.MinSeconds, cancellationToken);
            var asked = ExecutionProviders.OrtName(settings.Provider);
            var fellBack = settings.Provider != ExecutionProviders.Cpu && providers.Any(p => p != asked);
            var statistics = RunTimer.Summarise(times, coldSeconds, sessionSeconds, providers, fellBack);
            return new Measured(statistics, [.. last.Select((o, i) => TensorData.From(session.OutputNames[i], o))], trace.KernelMicroseconds);
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
    /// Ends the session's profiling and reads which providers ran the nodes and how long each node took. A trace
    /// that cannot be read leaves both unknown (empty) rather than voiding the timings.
    /// </summary>
    private static (IReadOnlyList<string> Providers, Dictionary<string, double> KernelMicroseconds) Trace(InferenceSession session)
    {
        var file = session.EndProfiling();
        try
        {
            return NodePlacement.Read(file);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return NoTrace;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static readonly (IReadOnlyList<string> Providers, Dictionary<string, double> KernelMicroseconds) NoTrace = ([], []);

    private static SessionOptions Options(ProfileSettings settings, bool traced)
    {
        var options = new SessionOptions
        {
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            IntraOpNumThreads = settings.IntraOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            EnableProfiling = traced,
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

    /// <summary>Every graph output of the chain against the whole model's, shapes first; the largest difference.</summary>
    private static double Check(IReadOnlyList<TensorData> whole, Dictionary<string, TensorData> chained, ProfileSettings settings)
    {
        var worst = 0.0;
        foreach (var output in whole)
        {
            if (!chained.TryGetValue(output.Name, out var actualTensor))
            {
                throw new EquivalenceException($"output '{output.Name}': the chained blocks do not produce it");
            }

            if (!output.Shape.SequenceEqual(actualTensor.Shape) || output.ElementType != actualTensor.ElementType)
            {
                throw new EquivalenceException($"output '{output.Name}': the chained blocks give {actualTensor.ElementType} [{string.Join(", ", actualTensor.Shape)}], the whole model {output.ElementType} [{string.Join(", ", output.Shape)}]");
            }

            var expected = output.ToDoubles();
            var actual = actualTensor.ToDoubles();
            for (var i = 0; i < expected.Length; i++)
            {
                // Equal values agree, NaN with NaN and an infinity with itself included (their difference is NaN).
                if (actual[i].Equals(expected[i]))
                {
                    continue;
                }

                var difference = Math.Abs(actual[i] - expected[i]);
                worst = Math.Max(worst, difference);
                if (!(difference <= settings.AbsoluteTolerance + (settings.RelativeTolerance * Math.Abs(expected[i]))))
                {
                    throw new EquivalenceException($"output '{output.Name}', element {i}: the chained blocks give {actual[i]}, the whole model {expected[i]}");
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

    private sealed record Measured(RunStatistics Statistics, IReadOnlyList<TensorData> Outputs, Dictionary<string, double> KernelMicroseconds);
}
