using Scission.Onnx;

namespace Scission.Bench;

/// <summary>How far blocks measured in groups are from the same blocks each measured in a session of its own.</summary>
internal static class GroupingError
{
    public static object Between(ModelProfile grouped, ModelProfile perBlock)
    {
        var pairs = grouped.Blocks.Zip(perBlock.Blocks, (g, p) => (Grouped: g.MedianSeconds, Alone: p.MedianSeconds, InGroup: g.Statistics.GroupBlocks is not null)).ToList();
        var relative = pairs.Where(p => p.InGroup && p.Alone > 0).Select(p => Math.Abs(p.Grouped - p.Alone) / p.Alone).Order().ToList();
        var absolute = pairs.Select(p => Math.Abs(p.Grouped - p.Alone)).ToList();
        var total = pairs.Sum(p => p.Alone);
        return new
        {
            groupedBlocks = relative.Count,
            medianRelative = relative.Count == 0 ? 0 : Math.Round(relative[relative.Count / 2], 3),
            p90Relative = relative.Count == 0 ? 0 : Math.Round(relative[(int)(0.9 * (relative.Count - 1))], 3),
            // The error that matters to a plan: latency summed over a stage's blocks, as a share of the model's.
            sumAbsoluteOverTotal = Math.Round(absolute.Sum() / total, 3),
            worstPrefixOverTotal = Math.Round(WorstPrefix(pairs) / total, 3),
        };
    }

    /// <summary>The largest difference in a first stage's compute, over every cut: what a device-side prediction can be off by.</summary>
    private static double WorstPrefix(List<(double Grouped, double Alone, bool InGroup)> pairs)
    {
        double grouped = 0, alone = 0, worst = 0;
        foreach (var (g, a, _) in pairs)
        {
            grouped += g;
            alone += a;
            worst = Math.Max(worst, Math.Abs(grouped - alone));
        }

        return worst;
    }
}
