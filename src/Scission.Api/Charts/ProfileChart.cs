using System.Globalization;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Api.Charts;

/// <summary>
/// A model's benchmarks as the original tool drew them: per block, a bar of its latency on each machine, and the
/// block's output size as a line on a second axis.
/// </summary>
internal static class ProfileChart
{
    private const double Left = 70, Right = 80, Top = 50, Bottom = 60, Height = 420;

    public static string Draw(string model, BlockLayout layout, IReadOnlyList<BenchmarkRecord> benchmarks)
    {
        var n = layout.Count;
        var width = Math.Max(700, Left + Right + (n * Math.Max(12, 6 * benchmarks.Count + 4)));
        var svg = new Svg(width, Height, $"{model}: per-block latency and output size");
        var maxMs = benchmarks.SelectMany(b => b.Blocks).Select(b => b.LatencySeconds * 1000).DefaultIfEmpty(0).Max();
        var outputs = Enumerable.Range(0, n).Select(b => benchmarks[0].Blocks[b].OutputBytes / 1024.0).ToList();
        var y = new ChartScale(0, ChartScale.Headroom(maxMs), Height - Bottom, Top);
        var yOut = new ChartScale(0, ChartScale.Headroom(outputs.DefaultIfEmpty(0).Max()), Height - Bottom, Top);
        var slot = (width - Left - Right) / n;

        Axes(svg, width, y, yOut);
        var barWidth = Math.Max(1, (slot - 4) / benchmarks.Count);
        for (var r = 0; r < benchmarks.Count; r++)
        {
            for (var b = 0; b < n; b++)
            {
                var ms = benchmarks[r].Blocks[b].LatencySeconds * 1000;
                var x = Left + (b * slot) + 2 + (r * barWidth);
                svg.Rect(x, y.Map(ms), barWidth, y.Map(0) - y.Map(ms), ChartColours.Series(r), $"block {b} on {benchmarks[r].Resource}: {ms.ToString("0.###", CultureInfo.InvariantCulture)} ms", "bar");
            }
        }

        svg.Polyline(outputs.Select((kb, b) => (Left + ((b + 0.5) * slot), yOut.Map(kb))), "#222222", 2, "output", "output size per block (KB)");
        var every = Math.Max(1, (int)Math.Ceiling(n / 30.0));
        for (var b = 0; b < n; b += every)
        {
            svg.Text(Left + ((b + 0.5) * slot), Height - Bottom + 16, b.ToString(CultureInfo.InvariantCulture), "middle", 10);
        }

        svg.Text(width / 2, Height - 12, "block", "middle");
        for (var r = 0; r < benchmarks.Count; r++)
        {
            svg.Rect(Left + (r * 150), 14, 12, 12, ChartColours.Series(r));
            svg.Text(Left + (r * 150) + 16, 25, benchmarks[r].Resource, "start", 12, "#222", "legend");
        }

        svg.Line(Left + (benchmarks.Count * 150), 20, Left + (benchmarks.Count * 150) + 14, 20, "#222222", 2);
        svg.Text(Left + (benchmarks.Count * 150) + 18, 25, "output size", "start", 12, "#222", "legend");
        return svg.ToString();
    }

    private static void Axes(Svg svg, double width, ChartScale y, ChartScale yOut)
    {
        foreach (var tick in y.Ticks())
        {
            svg.Line(Left, y.Map(tick), width - Right, y.Map(tick), ChartColours.Grid);
            svg.Text(Left - 6, y.Map(tick) + 4, tick.ToString("0.###", CultureInfo.InvariantCulture), "end", 10);
        }

        foreach (var tick in yOut.Ticks())
        {
            svg.Text(width - Right + 6, yOut.Map(tick) + 4, tick.ToString("0.#", CultureInfo.InvariantCulture), "start", 10);
        }

        svg.Line(Left, Top, Left, y.Map(0), ChartColours.Axis).Line(Left, y.Map(0), width - Right, y.Map(0), ChartColours.Axis);
        svg.Text(18, (Top + y.Map(0)) / 2, "latency (ms)", "middle", 12, "#222", null, -90);
        svg.Text(width - 18, (Top + y.Map(0)) / 2, "output (KB)", "middle", 12, "#222", null, 90);
    }
}
