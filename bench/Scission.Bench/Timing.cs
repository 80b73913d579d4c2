using System.Diagnostics;

namespace Scission.Bench;

/// <summary>Runs an action repeatedly after a warm-up and reports per-run milliseconds.</summary>
internal static class Timing
{
    public static TimingResult Measure(Action action, int minRuns = 20, double minSeconds = 1.0)
    {
        for (var i = 0; i < 3; i++)
        {
            action();
        }

        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        while (samples.Count < minRuns || total.Elapsed.TotalSeconds < minSeconds)
        {
            var run = Stopwatch.StartNew();
            action();
            samples.Add(run.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return new TimingResult(samples.Count, Percentile(samples, 0.5), Percentile(samples, 0.95));
    }

    /// <summary>
    /// Bytes one run allocates: an upper bound on the memory it holds at its peak (nothing it allocates is shared
    /// with other runs, and everything it allocates is counted whether or not it is still alive).
    /// </summary>
    public static long AllocatedBytes(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

internal readonly record struct TimingResult(int Runs, double MedianMs, double P95Ms);
