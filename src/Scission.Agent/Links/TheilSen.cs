namespace Scission.Agent;

/// <summary>
/// The Theil–Sen line: the median of the slopes between every pair of points, and the median intercept for that
/// slope. Half the points can be outliers (a retransmission, a scheduler hiccup) before it moves, where least
/// squares follows a single bad point.
/// </summary>
internal static class TheilSen
{
    public static (double Intercept, double Slope) Fit(IReadOnlyList<(double X, double Y)> points)
    {
        var slopes = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                if (points[j].X != points[i].X)
                {
                    slopes.Add((points[j].Y - points[i].Y) / (points[j].X - points[i].X));
                }
            }
        }

        if (slopes.Count == 0)
        {
            throw new ArgumentException("a line needs points at two different x", nameof(points));
        }

        var slope = Median(slopes);
        return (Median([.. points.Select(p => p.Y - (slope * p.X))]), slope);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
