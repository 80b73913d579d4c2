namespace Scission.Domain.Search;

/// <summary>
/// The ranking of enumerated plans: the objective's value (or several, in order), then latency, then the path
/// order the best-first search uses (the first stage's resource by name, then at the first block the two plans
/// place differently, the earlier stage, then the resource with the first name). A total order on plans.
/// </summary>
internal sealed class EnumeratedOrder(IReadOnlyList<Objective> objectives, int blockCount) : IComparer<EnumeratedPlan>
{
    public int Compare(EnumeratedPlan? x, EnumeratedPlan? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        foreach (var objective in objectives)
        {
            var order = x!.Key(objective).CompareTo(y!.Key(objective));
            if (order != 0)
            {
                return order;
            }
        }

        var latency = x!.LatencySeconds.CompareTo(y!.LatencySeconds);
        return latency != 0 ? latency : ComparePaths(x, y, blockCount);
    }

    public static int ComparePaths(EnumeratedPlan x, EnumeratedPlan y, int blockCount) => ComparePaths(x.Resource, x.End, y.Resource, y.End, blockCount);

    public static int ComparePaths(int[] xResource, int[] xEnd, int[] yResource, int[] yEnd, int blockCount)
    {
        if (xResource[0] != yResource[0])
        {
            return xResource[0].CompareTo(yResource[0]);
        }

        int sx = 0, sy = 0;
        for (var block = 0; block < blockCount; block++)
        {
            while (block >= xEnd[sx])
            {
                sx++;
            }

            while (block >= yEnd[sy])
            {
                sy++;
            }

            if (sx != sy)
            {
                return sx.CompareTo(sy);
            }

            if (xResource[sx] != yResource[sy])
            {
                return xResource[sx].CompareTo(yResource[sy]);
            }
        }

        return 0;
    }
}
