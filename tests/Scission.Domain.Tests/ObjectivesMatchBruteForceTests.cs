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
    }

    [Fact]
    public void JustInsideEachSensitivityBoundThePlanIsStillBestAndJustOutsideTheNamedPlanWins()
    {
        var instances = new RandomInstances(300, new InstanceFamily { MaxBlocks = 6, MaxStages = 3, Constraints = ConstraintStyle.None });
        var bounds = 0;
        for (var round = 0; round < 600; round++)
        {
            var (problem, query) = instances.Next();
            var outcome = PartitionSearch.Run(problem, query with { Sensitivity = true });
            if (outcome.Plans.Count == 0)
            {
                continue;
            }

            var best = outcome.Plans[0].Configuration;
            Assert.Equal(outcome.Plans[0].Hops.Count, outcome.Sensitivity!.Count);
            foreach (var link in outcome.Sensitivity)
            {
                problem.TryGetLink(link.Source, link.Destination, out var stored);
                if (link.MaxMbps is { } max)
                {
                    bounds++;
                    Assert.Equal(best, BestWith(problem, query, stored with { BandwidthMbps = Nudge(max, -1) }));
                    Assert.Equal(link.AboveMax!.Config, BestWith(problem, query, stored with { BandwidthMbps = Nudge(max, +1) }));
                }

                if (link.MinMbps is { } min)
                {
                    bounds++;
                    Assert.Equal(best, BestWith(problem, query, stored with { BandwidthMbps = Nudge(min, +1) }));
                    Assert.Equal(link.BelowMin!.Config, BestWith(problem, query, stored with { BandwidthMbps = Nudge(min, -1) }));
                }

                if (link.MaxLatencyMs is { } maxMs)
                {
                    bounds++;
                    var step = Math.Max(1e-6, maxMs * 1e-9);
                    Assert.Equal(best, BestWith(problem, query, stored with { LatencyMs = maxMs - step }));
                    Assert.Equal(link.AboveMaxLatency!.Config, BestWith(problem, query, stored with { LatencyMs = maxMs + step }));
                }
            }
        }

        Assert.True(bounds > 200, $"only {bounds} bounds were checked");
    }

    /// <summary>A bandwidth a few whole bytes per second beyond <paramref name="mbps"/>, so rounding to bytes cannot hide the step.</summary>
    private static double Nudge(double mbps, int direction) => (Math.Round(mbps * 125_000) + (direction * 4)) / 125_000;

    /// <summary>The best plan, by brute force, once the link is changed to <paramref name="link"/>.</summary>
    private static string BestWith(PartitionProblem problem, PartitionQuery query, NetworkLink link)
    {
        var changed = problem.WithLinks([link]);
        return BruteForce.All(changed, query)[0].Configuration;
    }

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
