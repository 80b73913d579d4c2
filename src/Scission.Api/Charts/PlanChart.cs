using System.Globalization;
using Scission.Api.Partitions;

namespace Scission.Api.Charts;

/// <summary>One plan as a bar along its latency: each used stage's compute coloured by tier, each hop's transfer in grey, in pipeline order.</summary>
internal static class PlanChart
{
    private const double Width = 900, Height = 220, Left = 30, Right = 30, BarTop = 70, BarHeight = 50;

    public static string Draw(string model, PartitionResult plan)
    {
        var svg = new Svg(Width, Height, $"{model}, plan {plan.Rank}: {plan.Config}");
        var x = new ChartScale(0, plan.LatencySeconds > 0 ? plan.LatencySeconds : 1, Left, Width - Right);
        svg.Text(Left, 24, $"{model}, plan {plan.Rank}: {Ms(plan.LatencySeconds)} end to end", "start", 14);
        svg.Text(Left, 44, plan.Config, "start", 11, "#555");

        var at = 0.0;
        var hops = plan.Hops.ToDictionary(h => h.ToStage);
        foreach (var stage in plan.Stages)
        {
            if (hops.TryGetValue(stage.Stage, out var hop))
            {
                at = Segment(svg, x, at, hop.TransferSeconds, ChartColours.Transfer, $"{hop.Source} -> {hop.Destination}", $"{hop.Bytes} bytes, {Ms(hop.TransferSeconds)}", "hop");
            }

            at = Segment(svg, x, at, stage.ComputeSeconds, ChartColours.Of(stage.Tier), $"{stage.Tier.ToString().ToLowerInvariant()}: {stage.Resource}", $"layers {stage.FirstLayer}-{stage.LastLayer}, {Ms(stage.ComputeSeconds)}", "stage");
        }

        foreach (var tick in x.Ticks(8))
        {
            svg.Line(x.Map(tick), BarTop + BarHeight + 4, x.Map(tick), BarTop + BarHeight + 10, ChartColours.Axis);
            svg.Text(x.Map(tick), BarTop + BarHeight + 24, (tick * 1000).ToString("0.###", CultureInfo.InvariantCulture), "middle", 10);
        }

        svg.Text(Width / 2, Height - 16, "milliseconds", "middle");
        return svg.ToString();
    }

    private static double Segment(Svg svg, ChartScale x, double at, double seconds, string colour, string label, string detail, string cssClass)
    {
        var (from, to) = (x.Map(at), x.Map(at + seconds));
        svg.Rect(from, BarTop, to - from, BarHeight, colour, $"{label}: {detail}", cssClass);
        if (to - from > 70)
        {
            svg.Text((from + to) / 2, BarTop + 22, label, "middle", 11, "#111");
            svg.Text((from + to) / 2, BarTop + 38, Ms(seconds), "middle", 10, "#111");
        }

        return at + seconds;
    }

    private static string Ms(double seconds) => $"{(seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture)} ms";
}
