using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Tests.Support;

namespace Scission.Domain.Tests;

/// <summary>
/// Percentage limits met exactly: each instance is built so that one plan puts exactly P % of its compute on the
/// limited stage, with latencies on multiples of 1/64, where "stage / total * 100 &lt;= P" and "stage &lt;= P / 100 * total"
/// disagree. The engine must agree with the enumeration, which applies the original tool's test.
/// </summary>
public sealed class PercentBoundaryTests
{
    [Theory]
    [InlineData(29)]
    [InlineData(35)]
    [InlineData(41)]
    [InlineData(57)]
    [InlineData(58)]
    [InlineData(69)]
    [InlineData(70)]
    [InlineData(82)]
    public void APlanExactlyAtItsPercentageLimitIsKept(int percent)
    {
        var random = new Random(percent);
        var kept = 0;
        for (var round = 0; round < 200; round++)
        {
            var (problem, query) = Instance(random, percent);
            var expected = BruteForce.Rank(problem, query);
            var actual = PartitionSearch.Run(problem, query).Plans;
            Assert.Equal(expected.Select(p => (p.Configuration, p.LatencySeconds)), actual.Select(p => (p.Configuration, p.LatencySeconds)));
            kept += actual.Any(p => p.Stages[1].ComputeSeconds * 100 / p.ComputeSeconds == percent || p.Stages[1].ComputeSeconds / p.ComputeSeconds * 100 == percent) ? 1 : 0;
        }

        Assert.True(kept > 0, "no instance kept a plan exactly at the limit: the test does not test the boundary");
    }

    [Fact]
    public void TheIssuesReproductionKeepsTheCloudAtExactlySeventyPercent()
    {
        var problem = TwoMachines([1.6875, 100], [100, 3.9375]);
        var query = new PartitionQuery(Stages(cloud: new() { TimeLimit = TimeLimit.Percent(70) })) { InputBytes = 0, Top = 5 };

        var plans = PartitionSearch.Run(problem, query).Plans;

        Assert.Equal("Device(d) = 0 - 0, Cloud(c) = 1 - 1", plans[0].Configuration);
        Assert.Equal(5.625, plans[0].LatencySeconds);
    }

    // Blocks before the cut on the device sum to (100 - P)·m/64, blocks after it on the cloud to P·m/64.
    private static (PartitionProblem, PartitionQuery) Instance(Random random, int percent)
    {
        var blocks = random.Next(2, 6);
        var cut = random.Next(1, blocks);
        var m = random.Next(1, 4);
        var device = Split(random, (100 - percent) * m, cut).Concat(Enumerable.Range(0, blocks - cut).Select(_ => random.Next(1, 400) / 64.0)).ToArray();
        var cloud = Enumerable.Range(0, cut).Select(_ => random.Next(1, 400) / 64.0).Concat(Split(random, percent * m, blocks - cut)).ToArray();
        var query = new PartitionQuery(Stages(cloud: new() { TimeLimit = TimeLimit.Percent(percent) })) { InputBytes = 0, Top = random.Next(1, 6) };
        return (TwoMachines(device, cloud), query);
    }

    private static IEnumerable<double> Split(Random random, int units, int parts)
    {
        var left = units;
        for (var p = 0; p < parts - 1; p++)
        {
            var part = random.Next(0, left + 1);
            left -= part;
            yield return part / 64.0;
        }

        yield return left / 64.0;
    }

    private static PartitionProblem TwoMachines(double[] device, double[] cloud) => new(
        BlockLayout.Create([.. device.Select((_, b) => new LayerRange(b, b))]),
        [
            new(new Resource("d", Tier.Device), [.. device.Select(s => new BlockMeasurement(s, 0))]),
            new(new Resource("c", Tier.Cloud), [.. cloud.Select(s => new BlockMeasurement(s, 0))]),
        ],
        [new NetworkLink("d", "c", 0, 1)]);

    private static List<PipelineStage> Stages(StageConstraints? cloud = null) =>
    [
        new(Tier.Device, ["d"]),
        new(Tier.Cloud, ["c"]) { Constraints = cloud ?? StageConstraints.None },
    ];
}
