using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Domain.Tests;

public sealed class CostModelTests
{
    // Two blocks; the device is slow, the cloud fast; 1 Mbps = 125,000 bytes/s.
    private static PartitionProblem Problem(double cloudLatency = 0.01) => new(
        BlockLayout.Create([new(0, 2), new(3, 5)]),
        [
            new(new Resource("pi", Tier.Device), [new(1.0, 250_000), new(1.0, 125_000)]),
            new(new Resource("gpu", Tier.Cloud), [new(cloudLatency, 250_000), new(cloudLatency, 125_000)]),
        ],
        [new NetworkLink("pi", "gpu", 100, 1)]);

    private static PartitionQuery Query(StageConstraints? device = null, StageConstraints? cloud = null) => new(
    [
        new PipelineStage(Tier.Device, ["pi"]) { Constraints = device ?? StageConstraints.None },
        new PipelineStage(Tier.Cloud, ["gpu"]) { Constraints = cloud ?? StageConstraints.None },
    ])
    { Top = 10 };

    [Fact]
    public void AnIdleDeviceSendsTheInputOverTheFirstHop()
    {
        var plan = PartitionSearch.Run(Problem(), Query(device: new() { MustBeUnused = true })).Plans.Single();

        Assert.Equal("Device(pi) = -1 - -1, Cloud(gpu) = 0 - 5", plan.Configuration);
        Assert.Equal(150_000, plan.TransferBytes);
        Assert.Equal(0.1 + (150_000 / 125_000.0), plan.TransferSeconds, 12);
        Assert.Equal(0.02, plan.ComputeSeconds, 12);
    }

    [Fact]
    public void ABlockWithZeroMeasuredTimeStillMakesItsStageUsedAndPaysTheHop()
    {
        var plans = PartitionSearch.Run(Problem(cloudLatency: 0), Query(cloud: new() { MustBeUsed = true })).Plans;
        var split = plans.Single(p => p.Configuration == "Device(pi) = 0 - 2, Cloud(gpu) = 3 - 5");

        Assert.Equal(1.0, split.ComputeSeconds);
        Assert.Equal(0.1 + 2.0, split.TransferSeconds, 12);
        Assert.Equal(250_000, split.TransferBytes);
        Assert.True(split.Stages[1].IsUsed);
    }

    [Fact]
    public void AllOnTheDeviceSendsNothing()
    {
        var plan = PartitionSearch.Run(Problem(), Query(cloud: new() { MustBeUnused = true })).Plans.Single();

        Assert.Equal("Device(pi) = 0 - 5, Cloud(None) = -1 - -1", plan.Configuration);
        Assert.Equal(0, plan.TransferBytes);
        Assert.Equal(2.0, plan.LatencySeconds);
    }

    [Fact]
    public void PercentageLimitsCountComputeOnly()
    {
        // Device 1 s + cloud 0.01 s: the device holds 99% of compute, so a 90% cap rules that split out.
        var plans = PartitionSearch.Run(Problem(), Query(device: new() { TimeLimit = TimeLimit.Percent(90) })).Plans;

        Assert.DoesNotContain(plans, p => p.Configuration == "Device(pi) = 0 - 2, Cloud(gpu) = 3 - 5");
        Assert.Contains(plans, p => p.Configuration == "Device(pi) = -1 - -1, Cloud(gpu) = 0 - 5");
    }

    [Fact]
    public void UnknownCandidatesAndBadValuesAreRefusedWithTheirField()
    {
        var query = new PartitionQuery([new PipelineStage(Tier.Device, ["pi", "nope"]) { Constraints = new() { MaxUploadBytes = -1 } }]) { Top = 0 };

        var outcome = PartitionSearch.Run(Problem(), query);

        Assert.False(outcome.Succeeded);
        Assert.Equal(["top", "stages[0].candidates[1]", "stages[0].constraints.maxUploadBytes"], outcome.Errors.Select(e => e.Field));
    }

    [Fact]
    public void ContradictoryConstraintsGiveNoPlanRatherThanAnError()
    {
        var outcome = PartitionSearch.Run(Problem(), Query(device: new() { MustBeUsed = true, MustBeUnused = true }));

        Assert.True(outcome.Succeeded);
        Assert.Empty(outcome.Plans);
    }

    [Fact]
    public void AResourceServesAtMostOneStage()
    {
        var stages = new[]
        {
            new PipelineStage(Tier.Device, ["pi"]),
            new PipelineStage(Tier.Cloud, ["gpu"]),
            new PipelineStage(Tier.Cloud, ["gpu"]),
        };

        var plans = PartitionSearch.Run(Problem(), new PartitionQuery(stages) { Top = 50 }).Plans;

        Assert.NotEmpty(plans);
        Assert.All(plans, p => Assert.False(p.Stages[1].IsUsed && p.Stages[2].IsUsed));
    }
}
