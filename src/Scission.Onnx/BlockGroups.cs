namespace Scission.Onnx;

/// <summary>
/// Which blocks are measured together. A session costs its creation, a cold run and warm-ups whatever it runs,
/// so a model of hundreds of tiny blocks measured one block per session spends far more time on sessions than
/// on runs. Adjacent blocks whose estimated times are small are measured as one segment, up to about
/// 1/<c>targetSessions</c> of the model each; a block larger than that is always measured alone.
/// </summary>
internal static class BlockGroups
{
    /// <summary>Consecutive runs of block indexes covering every block once, in order.</summary>
    public static IReadOnlyList<(int First, int Last)> Plan(IReadOnlyList<double> estimates, int targetSessions)
    {
        var count = estimates.Count;
        if (targetSessions <= 0 || count <= targetSessions)
        {
            return [.. Enumerable.Range(0, count).Select(b => (b, b))];
        }

        var total = estimates.Sum();
        var weights = total > 0 ? estimates : [.. Enumerable.Repeat(1.0, count)];
        var target = weights.Sum() / targetSessions;
        var groups = new List<(int, int)>();
        var first = 0;
        var sum = 0.0;
        for (var b = 0; b < count; b++)
        {
            if (b > first && sum + weights[b] > target)
            {
                groups.Add((first, b - 1));
                first = b;
                sum = 0;
            }

            sum += weights[b];
        }

        groups.Add((first, count - 1));
        return groups;
    }

    /// <summary>Each block's share of its group's time, by the estimates (equal shares where a group has none).</summary>
    public static double[] Shares(IReadOnlyList<double> estimates, IReadOnlyList<(int First, int Last)> groups)
    {
        var shares = new double[estimates.Count];
        foreach (var (first, last) in groups)
        {
            var sum = 0.0;
            for (var b = first; b <= last; b++)
            {
                sum += estimates[b];
            }

            for (var b = first; b <= last; b++)
            {
                shares[b] = sum > 0 ? estimates[b] / sum : 1.0 / (last - first + 1);
            }
        }

        return shares;
    }
}
