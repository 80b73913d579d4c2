using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Search;
using Scission.Domain.Tests.Support;

namespace Scission.Domain.Tests;

/// <summary>Objectives, Pareto fronts and sensitivity against the independent enumeration of every plan.</summary>
public sealed class ObjectivesMatchBruteForceTests
{
    private static readonly InstanceFamily WithPower = new() { Power = true, MaxBlocks = 6, MaxStages = 4 };

    public static TheoryData<Objective> Objectives => [.. Enum.GetValues<Objective>()];

    [Theory]
    [MemberData(nameof(Objectives))]
    public void EachObjectiveRanksAsTheBruteForceDoes(Objective objective)
    {
        var instances = new RandomInstances(100 + (int)objective, WithPower);
        var answered = 0;
        for (var round = 0; round < 1500; round++)
        {
            var (problem, query) = instances.Next();
            var outcome = PartitionSearch.Run(problem, query with { Objective = objective });
            var all = BruteForce.All(problem, query);
            if (objective == Objective.DeviceEnergy && query.Stages[0].Candidates.Any(c => problem.Profiles[c].Resource.Power is not { Any: true }) && outcome.Errors.Count > 0)
            {
                Assert.Equal("objective", outcome.Errors[0].Field);
                continue;
            }

            Assert.True(outcome.Succeeded, $"round {round}: {string.Join("; ", outcome.Errors.Select(e => e.Message))}");
            var expected = BruteForce.RankBy(all, [objective]).Take(query.Top).ToList();
            AssertSamePlans(expected, outcome.Plans, $"{objective} round {round}");
            answered += expected.Count > 0 ? 1 : 0;
        }

        Assert.InRange(answered, 300, 1500);
    }

    [Fact]
    public void ParetoFrontsAreExactlyThePlansNoOtherBeatsOnEveryObjective()
    {
        var instances = new RandomInstances(200, WithPower);
        var random = new Random(5);
        var fronts = 0;
        for (var round = 0; round < 1500; round++)
        {
            var (problem, query) = instances.Next();
            var objectives = Enum.GetValues<Objective>().Where(o => o != Objective.DeviceEnergy).OrderBy(_ => random.Next()).Take(random.Next(2, 4)).ToList();
            var outcome = PartitionSearch.Run(problem, query with { Pareto = objectives, Top = 1000 });
            Assert.True(outcome.Succeeded);

            // Independent: every plan against every other, O(n²).
            var all = BruteForce.All(problem, query);
            var front = all.Where(p => !all.Any(q => q != p && objectives.All(o => q.Key(o) <= p.Key(o)) && objectives.Any(o => q.Key(o) < p.Key(o)))).ToList();
            AssertSamePlans(BruteForce.RankBy(front, objectives), outcome.Plans, $"pareto {string.Join(",", objectives)} round {round}");
            fronts += front.Count > 1 ? 1 : 0;
        }

        Assert.True(fronts > 100, $"only {fronts} fronts held more than one plan");
    }

    [Fact]
    public void AParetoFrontNeedsTwoDifferentObjectivesAndSensitivityTheLatencyObjective()
    {
        var (problem, query) = new RandomInstances(3, WithPower).Next();

        Assert.Equal("pareto", PartitionSearch.Run(problem, query with { Pareto = [Objective.Latency] }).Errors.Single().Field);
        Assert.Equal("pareto", PartitionSearch.Run(problem, query with { Pareto = [Objective.Latency, Objective.Latency] }).Errors.Single().Field);
        Assert.Equal("sensitivity", PartitionSearch.Run(problem, query with { Sensitivity = true, Objective = Objective.Throughput }).Errors.Single().Field);
        Assert.Equal("sensitivity", PartitionSearch.Run(problem, query with { Sensitivity = true, Pareto = [Objective.Latency, Objective.DeviceEnergy] }).Errors.Single().Field);
    }

    [Theory]
    [InlineData(Objective.Latency, 300)]
    [InlineData(Objective.DeviceEnergy, 301)]
    public void JustInsideEachSensitivityBoundThePlanIsStillBestAndJustOutsideTheNamedPlanWins(Objective objective, int seed)
    {
        var instances = new RandomInstances(seed, new InstanceFamily { MaxBlocks = 6, MaxStages = 3, Constraints = ConstraintStyle.None, Power = objective == Objective.DeviceEnergy });
        var (bounds, lowerLatencyBounds) = (0, 0);
        for (var round = 0; round < 600; round++)
        {
            var (problem, query) = instances.Next();
            var outcome = PartitionSearch.Run(problem, query with { Sensitivity = true, Objective = objective });
            if (outcome.Plans.Count == 0 || (!outcome.Succeeded && outcome.Errors[0].Message.Contains("power figures", StringComparison.Ordinal)))
            {
                continue;
            }

            var best = outcome.Plans[0].Configuration;
            Assert.Equal(outcome.Plans[0].Hops.Count, outcome.Sensitivity!.Count);
            foreach (var link in outcome.Sensitivity)
            {
                problem.TryGetLink(link.Source, link.Destination, out var stored);
                string BestWith(NetworkLink changed) => BruteForce.RankBy(BruteForce.All(problem.WithLinks([changed]), query), [objective])[0].Configuration;
                if (link.MaxMbps is { } max)
                {
                    bounds++;
                    Assert.Equal(best, BestWith(stored with { BandwidthMbps = Nudge(max, -1) }));
                    Assert.Equal(link.AboveMax!.Config, BestWith(stored with { BandwidthMbps = Nudge(max, +1) }));
                }

                if (link.MinMbps is { } min)
                {
                    bounds++;
                    Assert.Equal(best, BestWith(stored with { BandwidthMbps = Nudge(min, +1) }));
                    Assert.Equal(link.BelowMin!.Config, BestWith(stored with { BandwidthMbps = Nudge(min, -1) }));
                }

                if (link.MaxLatencyMs is { } maxMs)
                {
                    bounds++;
                    var step = Math.Max(1e-6, maxMs * 1e-9);
                    Assert.Equal(best, BestWith(stored with { LatencyMs = maxMs - step }));
                    Assert.Equal(link.AboveMaxLatency!.Config, BestWith(stored with { LatencyMs = maxMs + step }));
                }

                if (link.MinLatencyMs is { } minMs)
                {
                    bounds++;
                    lowerLatencyBounds++;
                    var step = Math.Max(1e-6, minMs * 1e-9);
                    Assert.Equal(best, BestWith(stored with { LatencyMs = minMs + step }));
                    Assert.Equal(link.BelowMinLatency!.Config, BestWith(stored with { LatencyMs = minMs - step }));
                }
            }
        }

        Assert.True(bounds > 200, $"only {bounds} bounds were checked");
        // Latency never has a lower latency bound (the best plan gains at least as much as any other from a faster
        // link); device energy can (see the next test), though random instances rarely reach one above 0 ms.
        Assert.True(objective != Objective.Latency || lowerLatencyBounds == 0, $"{lowerLatencyBounds} lower latency bounds for latency");
    }

    [Fact]
    public void ADeviceThatIdlesAtMoreWattsTakesOverWhenALaterHopGetsFaster()
    {
        // d1 computes slowly and idles at 1 W; d2 computes fast and idles at 5 W, so d2's plan gains four times as
        // much as d1's from every millisecond the later hop e -> c loses. Blocks: 0 on the device, 1 on e, 2 on c.
        static ResourceProfile Device(string name, double seconds, double idleWatts) =>
            new(new Resource(name, Tier.Device) { Power = new PowerFigures(1, 1, idleWatts) }, [new(seconds, 1000), new(seconds, 1000), new(seconds, 1000)]);
        static ResourceProfile Server(string name, Tier tier) => new(new Resource(name, tier), [new(0.01, 1000), new(0.01, 1000), new(0.01, 1000)]);
        var problem = new PartitionProblem(
            BlockLayout.Create([new(0, 0), new(1, 1), new(2, 2)]),
            [Device("d1", 1.0, 1), Device("d2", 0.1, 5), Server("e", Tier.Edge), Server("c", Tier.Cloud)],
            [new NetworkLink("d1", "e", 1, 100), new NetworkLink("d2", "e", 1, 100), new NetworkLink("e", "c", 250, 100)]);
        var query = new PartitionQuery(
        [
            new PipelineStage(Tier.Device, ["d1", "d2"]) { Constraints = new() { RequiredLayers = [0] } },
            new PipelineStage(Tier.Edge, ["e"]) { Constraints = new() { RequiredLayers = [1] } },
            new PipelineStage(Tier.Cloud, ["c"]) { Constraints = new() { RequiredLayers = [2] } },
        ])
        { InputBytes = 0, Objective = Objective.DeviceEnergy, Sensitivity = true };

        var outcome = PartitionSearch.Run(problem, query);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.StartsWith("Device(d1)", outcome.Plans[0].Configuration, StringComparison.Ordinal);
        var later = outcome.Sensitivity!.Single(l => l.Source == "e");
        var minMs = later.MinLatencyMs!.Value;
        Assert.InRange(minMs, 1, 249);
        Assert.StartsWith("Device(d2)", later.BelowMinLatency!.Config, StringComparison.Ordinal);
        problem.TryGetLink("e", "c", out var stored);
        string BestWith(double latencyMs) => BruteForce.RankBy(BruteForce.All(problem.WithLinks([stored with { LatencyMs = latencyMs }]), query), [Objective.DeviceEnergy])[0].Configuration;
        Assert.Equal(outcome.Plans[0].Configuration, BestWith(minMs + 1e-6));
        Assert.Equal(later.BelowMinLatency.Config, BestWith(minMs - 1e-6));
        Assert.Null(later.MaxLatencyMs);
    }

    /// <summary>A bandwidth a few whole bytes per second beyond <paramref name="mbps"/>, so rounding to bytes cannot hide the step.</summary>
    private static double Nudge(double mbps, int direction) => (Math.Round(mbps * 125_000) + (direction * 4)) / 125_000;

    private static void AssertSamePlans(List<BruteForce.Plan> expected, IReadOnlyList<PartitionPlan> actual, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: {expected.Count} plans expected, {actual.Count} found");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.True(e.Configuration == a.Configuration, $"{context}, rank {i + 1}: expected {e.Configuration}, found {a.Configuration}");
            Assert.Equal(e.LatencySeconds, a.LatencySeconds);
            Assert.Equal(e.TransferBytes, a.TransferBytes);
            Assert.Equal(e.DeviceUploadBytes, a.DeviceUploadBytes);
            Assert.Equal(e.BottleneckSeconds > 0 ? 1 / e.BottleneckSeconds : null, a.ThroughputPerSecond);
            Assert.Equal(e.DeviceEnergyJoules, a.DeviceEnergyJoules);
        }
    }
}
