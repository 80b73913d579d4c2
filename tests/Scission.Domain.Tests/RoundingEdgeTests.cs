using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Tests.Support;

namespace Scission.Domain.Tests;

/// <summary>
/// Inputs at the edges of floating point: masses of exactly tied plans, a huge figure on a machine no good plan
/// uses, and figures past the accepted range.
/// </summary>
public sealed class RoundingEdgeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void MassesOfExactlyTiedPlansAreSettledByThePathOrderNotEnumerated(int top)
    {
        // Block 0 takes 1 s everywhere, every other block nothing, links cost nothing: every plan takes 1 s.
        var problem = ThreeByTwo(100, (_, b) => b == 0 ? 1 : 0, outputBytes: 0, latencyMs: 0);
        var query = Query(top);

        var outcome = PartitionSearch.Run(problem, query, memoryBudgetBytes: 4L << 20);

        Assert.Null(outcome.CutShortReason);
        Assert.Equal(Describe(BruteForce.Rank(problem, query)), outcome.Plans.Select(p => $"{p.Configuration} {p.LatencySeconds:R}"));
    }

    [Fact]
    public void TiesAmongInexactFiguresAreStillRankedExactly()
    {
        // 10 ms links and the same output everywhere: plans that cut the zero-time tail anywhere tie exactly.
        var problem = ThreeByTwo(80, (r, b) => b < 20 ? 0.001 * (r + 1) * (b + 1) : 0, outputBytes: 125_000, latencyMs: 10);
        var query = Query(20);

        var outcome = PartitionSearch.Run(problem, query);

        Assert.Null(outcome.CutShortReason);
        Assert.Equal(Describe(BruteForce.Rank(problem, query)), outcome.Plans.Select(p => $"{p.Configuration} {p.LatencySeconds:R}"));
    }

    [Fact]
    public void AHugeFigureOnAMachineNoGoodPlanUsesDoesNotBlurTheRanking()
    {
        // Machine 1 of every stage takes 10^12 s on two blocks; the edge stage has a seconds limit.
        var problem = ThreeByTwo(120, (r, b) => r == 1 && b is 3 or 4 ? 1e12 : 0.001 * ((b % 7) + 1) * (r + 1), outputBytes: 100_000, latencyMs: 5);
        var query = Query(5) with
        {
            Stages = [.. Query(5).Stages.Select((s, i) => i == 1 ? s with { Constraints = new() { TimeLimit = TimeLimit.Seconds(0.5) } } : s)],
        };

        var outcome = PartitionSearch.Run(problem, query);

        Assert.Null(outcome.CutShortReason);
        Assert.Equal(Describe(BruteForce.Rank(problem, query)), outcome.Plans.Select(p => $"{p.Configuration} {p.LatencySeconds:R}"));
    }

    [Theory]
    [InlineData(1e13, 0)]
    [InlineData(double.MaxValue, 0)]
    [InlineData(0.1, 1e13)]
    public void FiguresPastTheAcceptedRangeAreRefused(double seconds, double latencyMs) =>
        Assert.Throws<ArgumentException>(() => new PartitionProblem(
            BlockLayout.Create([new(0, 0)]),
            [new(new Resource("a", Tier.Device), [new(seconds, 0)]), new(new Resource("b", Tier.Cloud), [new(0.1, 0)])],
            [new NetworkLink("a", "b", latencyMs, 1)]));

    private static PartitionProblem ThreeByTwo(int blocks, Func<int, int, double> seconds, long outputBytes, double latencyMs)
    {
        var names = new[] { "d0", "d1", "e0", "e1", "c0", "c1" };
        var profiles = names.Select(name => new ResourceProfile(
            new Resource(name, name[0] == 'd' ? Tier.Device : name[0] == 'e' ? Tier.Edge : Tier.Cloud),
            [.. Enumerable.Range(0, blocks).Select(b => new BlockMeasurement(seconds(name[1] - '0', b), outputBytes))]));
        static int Stage(string name) => "dec".IndexOf(name[0], StringComparison.Ordinal);
        var links = names.SelectMany(a => names.Where(b => Stage(b) > Stage(a)).Select(b => new NetworkLink(a, b, latencyMs, 80)));
        return new PartitionProblem(BlockLayout.Create([.. Enumerable.Range(0, blocks).Select(b => new LayerRange(b, b))]), profiles, links);
    }

    private static PartitionQuery Query(int top) => new(
    [
        new PipelineStage(Tier.Device, ["d0", "d1"]),
        new PipelineStage(Tier.Edge, ["e0", "e1"]),
        new PipelineStage(Tier.Cloud, ["c0", "c1"]),
    ])
    { Top = top, InputBytes = 0 };

    private static IEnumerable<string> Describe(List<BruteForce.Plan> plans) => plans.Select(p => $"{p.Configuration} {p.LatencySeconds:R}");
}
