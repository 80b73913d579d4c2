using System.Diagnostics;
using Scission.Domain.Catalog;

namespace Scission.Onnx;

/// <summary>Times repeated runs until both the count and the time asked for are reached, and summarises them.</summary>
internal static class RunTimer
{
    /// <summary>A hard cap on timed runs, so a very fast block under a long <c>--min-seconds</c> still ends.</summary>
    private const int MaxRuns = 100_000;

    /// <summary>Times <paramref name="run"/>; <paramref name="between"/> runs before each, untimed (e.g. freeing the last outputs).</summary>
    public static List<double> Time(Action between, Action run, int repeats, double minSeconds, CancellationToken cancellationToken)
    {
        var seconds = new List<double>(repeats);
        var total = Stopwatch.StartNew();
        while ((seconds.Count < repeats || total.Elapsed.TotalSeconds < minSeconds) && seconds.Count < MaxRuns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            between();
            var started = Stopwatch.GetTimestamp();
            run();
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        return seconds;
    }

    public static RunStatistics Summarise(List<double> seconds, double coldSeconds, double sessionSeconds, IReadOnlyList<string> providers, bool fellBack)
    {
        var sorted = seconds.Order().ToList();
        var mean = sorted.Average();
        return new RunStatistics
        {
            MedianSeconds = Percentile(sorted, 0.5),
            P90Seconds = Percentile(sorted, 0.9),
            MinSeconds = sorted[0],
            MeanSeconds = mean,
            StdDevSeconds = Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / sorted.Count),
            Count = sorted.Count,
            ColdSeconds = coldSeconds,
            SessionSeconds = sessionSeconds,
            Providers = providers,
            FellBackToCpu = fellBack,
        };
    }

    /// <summary>Linear interpolation between the closest ranks.</summary>
    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
