#pragma warning disable
using System.Diagnostics;
using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Xunit.Abstractions;

namespace Scission.Domain.Tests.Review;

public sealed class TieBlowupReview(ITestOutputHelper output)
{
    [Theory]
    [InlineData(30, -1.0)]
    [InlineData(200, 0.0)]
    [InlineData(1000, 0.0)]
    [InlineData(1000, 0.001)]
    [InlineData(30, -1.0)]
    [InlineData(100, -1.0)]
    [InlineData(300, -1.0)]
    [InlineData(1000, -1.0)]
    public void ManyExactTies(int n, double linkMs)
    {
        var names = new[] { "a", "b", "c", "d", "e", "f" };
        var layout = BlockLayout.Create([.. Enumerable.Range(0, n).Select(b => new LayerRange(b, b))]);
        // One real block first; everything after it takes no time anywhere and outputs the same bytes.
        var profiles = names.Select(nm => new ResourceProfile(new Resource(nm, Tier.Edge), [.. Enumerable.Range(0, n).Select(b => new BlockMeasurement(b == 0 ? 1.0 : 0.0, linkMs < 0 ? 0 : 1000))]));
        var links = names.SelectMany(x => names.Where(y => y != x).Select(y => new NetworkLink(x, y, Math.Max(0, linkMs), 8))).ToList();
        var problem = new PartitionProblem(layout, profiles, links);
        var stages = new List<PipelineStage> { new(Tier.Device, ["a", "b"]), new(Tier.Edge, ["c", "d"]), new(Tier.Cloud, ["e", "f"]) };
        var sw = Stopwatch.StartNew();
        var outcome = PartitionSearch.Run(problem, new PartitionQuery(stages) { InputBytes = linkMs < 0 ? 0 : 1000, Top = 1 });
        output.WriteLine($"n={n} link={linkMs}: {sw.ElapsedMilliseconds} ms, plans {outcome.Plans.Count}, cut: {string.Join(";", outcome.Errors)}, first {outcome.Plans.FirstOrDefault()?.Configuration} {outcome.Plans.FirstOrDefault()?.LatencySeconds:R}");
    }
}
