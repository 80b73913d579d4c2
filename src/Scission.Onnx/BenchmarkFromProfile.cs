using Scission.Domain.Catalog;

namespace Scission.Onnx;

/// <summary>A profile as the benchmark the service stores: block medians as latencies, analysed tensor sizes as output bytes.</summary>
public static class BenchmarkFromProfile
{
    public static BenchmarkRecord Record(string resource, OnnxAnalysis analysis, ModelProfile profile, DateTimeOffset storedAt) => new(
        resource,
        [.. profile.Blocks.Select(b => new BenchmarkBlock(b.FirstLayer, b.LastLayer, b.MedianSeconds, analysis.Blocks[b.Block].Output.Bytes))],
        new BenchmarkProvenance
        {
            Repeats = profile.Blocks[0].Repeats,
            Runtime = profile.Provenance.Runtime,
            ExecutionProvider = profile.Provenance.ExecutionProvider,
            Threads = profile.Provenance.Threads,
            Cpu = profile.Provenance.Cpu,
            OperatingSystem = profile.Provenance.OperatingSystem,
            Notes = Notes(profile),
            MeasuredAt = profile.Provenance.MeasuredAt,
        },
        storedAt);

    public static string Notes(ModelProfile profile) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"whole model median {profile.WholeMedianSeconds * 1000:F3} ms; sum of block medians / whole = {profile.Ratio:F3}; chained output within {profile.MaxAbsoluteDifference:G3} of the whole model's");
}
