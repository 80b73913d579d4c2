using Scission.Domain.Catalog;

namespace Scission.Onnx;

/// <summary>
/// A profile as the benchmark the service stores: each block's chosen statistic as its latency, analysed tensor
/// sizes as output bytes, and every statistic kept in the provenance.
/// </summary>
public static class BenchmarkFromProfile
{
    public static BenchmarkRecord Record(string resource, OnnxAnalysis analysis, ModelProfile profile, ProfileSettings settings, DateTimeOffset storedAt) => new(
        resource,
        [.. profile.Blocks.Select(b => new BenchmarkBlock(b.FirstLayer, b.LastLayer, Statistics.Of(b.Statistics, settings.Statistic), analysis.Blocks[b.Block].Bytes))],
        new BenchmarkProvenance
        {
            Repeats = settings.Repeats,
            Runtime = profile.Provenance.Runtime,
            ExecutionProvider = profile.Provenance.ExecutionProvider,
            Threads = profile.Provenance.Threads,
            Cpu = profile.Provenance.Cpu,
            OperatingSystem = profile.Provenance.OperatingSystem,
            Notes = Notes(profile),
            MeasuredAt = profile.Provenance.MeasuredAt,
            Statistic = settings.Statistic,
            MinSeconds = settings.MinSeconds,
            BlockStatistics = [.. profile.Blocks.Select(b => b.Statistics)],
            WholeModel = profile.Whole,
            PeakWorkingSetBytes = profile.PeakWorkingSetBytes,
        },
        storedAt);

    public static string Notes(ModelProfile profile) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"whole model median {profile.WholeMedianSeconds * 1000:F3} ms; sum of block medians / whole = {profile.Ratio:F3}; chained output within {profile.MaxAbsoluteDifference:G3} of the whole model's{Fallback(profile)}");

    private static string Fallback(ModelProfile profile)
    {
        var fell = profile.Blocks.Where(b => b.Statistics.FellBackToCpu == true).Select(b => b.Block).ToList();
        return fell.Count == 0 ? "" : $"; blocks {string.Join(", ", fell)} ran partly on the CPU";
    }
}
