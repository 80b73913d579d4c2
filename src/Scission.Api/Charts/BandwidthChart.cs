using System.Globalization;
using Scission.Domain.Search;

namespace Scission.Api.Charts;

/// <summary>
/// Latency against one link's bandwidth (log scale) for every plan that is best somewhere in the range, the
/// best one drawn bold where it is best, and each crossover marked with its bandwidth.
/// </summary>
internal static class BandwidthChart
{
    private const double Width = 900, PlotHeight = 270, Left = 80, Right = 30, Top = 40, Samples = 120;

    public static string Draw(string model, string source, string destination, double fromMbps, double toMbps, double? nowMbps, IReadOnlyList<SweepSegment> segments)
    {
        var plans = segments.GroupBy(s => s.Config).Select(g => g.First()).ToList();
        // Room below the plot for the axis title and one legend row per plan.
        var bottom = 60 + (plans.Count * 18) + 20;
        var height = Top + PlotHeight + bottom;
        var svg = new Svg(Width, height, $"{model}: latency against the bandwidth of {source} -> {destination}");
        var x = new ChartScale(fromMbps, toMbps, Left, Width - Right, log: true);
        var points = Enumerable.Range(0, (int)Samples + 1).Select(i => fromMbps * Math.Pow(toMbps / fromMbps, i / Samples)).ToList();
        var maxLatency = plans.SelectMany(p => points.Select(p.LatencyAt)).DefaultIfEmpty(0).Max();
        var y = new ChartScale(0, ChartScale.Headroom(maxLatency), Top + PlotHeight, Top);

        foreach (var tick in y.Ticks())
        {
            svg.Line(Left, y.Map(tick), Width - Right, y.Map(tick), ChartColours.Grid);
            svg.Text(Left - 6, y.Map(tick) + 4, tick.ToString("0.###", CultureInfo.InvariantCulture), "end", 10);
        }

        foreach (var tick in x.Ticks())
        {
            svg.Line(x.Map(tick), Top, x.Map(tick), Top + PlotHeight, ChartColours.Grid);
            svg.Text(x.Map(tick), Top + PlotHeight + 16, tick.ToString("0.###", CultureInfo.InvariantCulture), "middle", 10);
        }

        svg.Line(Left, Top + PlotHeight, Width - Right, Top + PlotHeight, ChartColours.Axis).Line(Left, Top, Left, Top + PlotHeight, ChartColours.Axis);
        svg.Text((Left + Width - Right) / 2, Top + PlotHeight + 34, $"bandwidth of {source} -> {destination} (Mbps, log scale)", "middle");
        svg.Text(20, (Top + Top + PlotHeight) / 2, "latency (s)", "middle", 12, "#222", null, -90);

        for (var p = 0; p < plans.Count; p++)
        {
            svg.Polyline(points.Select(b => (x.Map(b), y.Map(plans[p].LatencyAt(b)))), ChartColours.Series(p), 1.5, "plan", plans[p].Config);
        }

        foreach (var segment in segments)
        {
            var colour = ChartColours.Series(plans.FindIndex(p => p.Config == segment.Config));
            var inside = points.Where(b => b >= segment.FromMbps && b <= segment.ToMbps).Prepend(segment.FromMbps).Append(segment.ToMbps);
            svg.Polyline(inside.Select(b => (x.Map(b), y.Map(segment.LatencyAt(b)))), colour, 4, "best", $"best from {Mbps(segment.FromMbps)} to {Mbps(segment.ToMbps)} Mbps: {segment.Config}");
        }

        foreach (var crossover in segments.Skip(1))
        {
            svg.Line(x.Map(crossover.FromMbps), Top, x.Map(crossover.FromMbps), Top + PlotHeight, "#333333", 1, dashed: true, "crossover");
            svg.Text(x.Map(crossover.FromMbps) + 4, Top + 12, $"{Mbps(crossover.FromMbps)} Mbps", "start", 11, "#333", "crossover-label");
        }

        if (nowMbps is { } now && now >= fromMbps && now <= toMbps)
        {
            svg.Line(x.Map(now), Top, x.Map(now), Top + PlotHeight, "#e15759", 2, false, "now");
            svg.Text(x.Map(now) + 4, Top + PlotHeight - 6, $"now {Mbps(now)} Mbps", "start", 11, "#e15759");
        }

        for (var p = 0; p < plans.Count; p++)
        {
            var rowY = Top + PlotHeight + 56 + (p * 18);
            svg.Rect(Left, rowY - 10, 12, 12, ChartColours.Series(p));
            svg.Text(Left + 18, rowY, plans[p].Config, "start", 11, "#222", "legend");
        }

        return svg.ToString();
    }

    private static string Mbps(double mbps) => mbps.ToString(mbps >= 100 ? "0.#" : "0.####", CultureInfo.InvariantCulture);
}
