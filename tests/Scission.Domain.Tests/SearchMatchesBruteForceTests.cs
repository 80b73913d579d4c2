using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Tests.Support;

namespace Scission.Domain.Tests;

/// <summary>
/// The engine against an independent enumeration of every plan, on families of instances chosen to break it:
/// the same plans, in the same order, with bit-identical latencies.
/// </summary>
public sealed class SearchMatchesBruteForceTests
{
    public static TheoryData<string> Families => [.. FamilyByName.Keys];

    private static readonly Dictionary<string, (InstanceFamily Family, int Rounds)> FamilyByName = new()
    {
        ["general"] = (InstanceFamily.General, 3000),
        ["one decimal, free transfers"] = (new() { Latencies = LatencyStyle.OneDecimal, FreeTransfers = true, Constraints = ConstraintStyle.None, MaxStages = 3, MaxTop = 5 }, 1500),
        ["two decimals, free transfers"] = (new() { Latencies = LatencyStyle.TwoDecimals, FreeTransfers = true, Constraints = ConstraintStyle.None, MaxStages = 3, MaxTop = 5 }, 1500),
        ["twin machines"] = (new() { Latencies = LatencyStyle.Eighths, Twins = true, ShareWithDevice = true }, 1500),
        ["limits on their boundary"] = (new() { Latencies = LatencyStyle.Eighths, Constraints = ConstraintStyle.Boundaries, MaxStages = 3 }, 1500),
        ["zeros and huge values"] = (new() { Latencies = LatencyStyle.ZerosAndHuge, Constraints = ConstraintStyle.Boundaries, MaxStages = 3 }, 1500),
        ["deep pipelines"] = (new() { MinStages = 4, MaxStages = 5, Constraints = ConstraintStyle.Pipeline, ShareWithDevice = true }, 1000),
        ["more plans asked than exist"] = (new() { MaxBlocks = 3, MaxStages = 2, MaxPerStage = 2, MinTop = 20, MaxTop = 40 }, 1000),
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void TopKEqualsBruteForce(string family)
    {
        var (shape, rounds) = FamilyByName[family];
        var instances = new RandomInstances(family.Sum(c => c), shape);
        var answered = 0;
        for (var round = 0; round < rounds; round++)
        {
            var (problem, query) = instances.Next();
            answered += AssertSameAsBruteForce(problem, query, $"{family} round {round}") > 0 ? 1 : 0;
        }

        // The generator must not degenerate into queries that no plan satisfies.
        Assert.InRange(answered, rounds / 3, rounds);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TopKIsAlwaysThePrefixOfTopKPlusOne(int decimals)
    {
        var latencies = decimals == 1 ? LatencyStyle.OneDecimal : LatencyStyle.TwoDecimals;
        var instances = new RandomInstances(decimals, new() { Latencies = latencies, FreeTransfers = true, Constraints = ConstraintStyle.None, MaxStages = 2, MinBlocks = 3, MaxPerStage = 2, MinTop = 5, MaxTop = 5 });
        for (var round = 0; round < 1000; round++)
        {
            var (problem, query) = instances.Next();
            var five = PartitionSearch.Run(problem, query).Plans;
            for (var k = 1; k < 5; k++)
            {
                var fewer = PartitionSearch.Run(problem, query with { Top = k }).Plans;
                Assert.Equal(five.Take(k).Select(Describe), fewer.Select(Describe));
            }
        }
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(80, 2)]
    [InlineData(100, 3)]
    public void ATopThousandOnManyBlocksEqualsBruteForce(int blocks, int seed)
    {
        var instances = new RandomInstances(seed, new() { MinBlocks = blocks, MaxBlocks = blocks, MinStages = 3, MaxStages = 3, MaxPerStage = 2, MinTop = 1000, MaxTop = 1000, Latencies = LatencyStyle.TwoDecimals, Constraints = ConstraintStyle.Boundaries });
        for (var round = 0; round < 3; round++)
        {
            var (problem, query) = instances.Next();
            Assert.True(AssertSameAsBruteForce(problem, query, $"{blocks} blocks round {round}") > 0);
        }
    }

    [Fact]
    public void ASearchCutShortByItsBudgetReturnsExactlyTheBestPlansProvenSoFar()
    {
        var instances = new RandomInstances(7, new() { MinBlocks = 40, MaxBlocks = 60, MinStages = 3, MaxStages = 3, MaxPerStage = 3, MinTop = 300, MaxTop = 300, Constraints = ConstraintStyle.None });
        var cut = 0;
        for (var round = 0; round < 10; round++)
        {
            var (problem, query) = instances.Next();
            var full = PartitionSearch.Run(problem, query, memoryBudgetBytes: 1L << 30);
            var small = PartitionSearch.Run(problem, query, memoryBudgetBytes: 200_000);
            Assert.Null(full.CutShortReason);
            Assert.Equal(full.Plans.Take(small.Plans.Count).Select(Describe), small.Plans.Select(Describe));
            if (small.CutShortReason is not null)
            {
                cut++;
                Assert.Contains("memory budget", small.CutShortReason, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(full.Plans.Select(Describe), small.Plans.Select(Describe));
            }
        }

        Assert.True(cut > 0, "the small budget never cut a search short: the test does not test it");
    }

    [Fact]
    public void ASearchOutOfTimeReturnsExactlyTheBestPlansProvenSoFar()
    {
        var instances = new RandomInstances(11, new() { MinBlocks = 40, MaxBlocks = 60, MinStages = 3, MaxStages = 3, MaxPerStage = 3, MinTop = 300, MaxTop = 300, Constraints = ConstraintStyle.None });
        var (problem, query) = instances.Next();
        using var late = new CancellationTokenSource();
        late.Cancel();

        var full = PartitionSearch.Run(problem, query);
        var stopped = PartitionSearch.Run(problem, query, deadline: Search.SearchDeadline.When(late.Token));

        Assert.Equal(Search.SearchStop.Time, stopped.StoppedBy);
        Assert.Contains("time budget", stopped.CutShortReason, StringComparison.Ordinal);
        Assert.True(stopped.Plans.Count < full.Plans.Count);
        Assert.Equal(full.Plans.Take(stopped.Plans.Count).Select(Describe), stopped.Plans.Select(Describe));
    }

    [Fact]
    public void ADeadlineAlreadyPassedStopsTheSearchAtItsFirstLookAtTheClock()
    {
        // A timer-driven token can fire after a short search has finished; the clock read in the search cannot.
        var instances = new RandomInstances(11, new() { MinBlocks = 40, MaxBlocks = 60, MinStages = 3, MaxStages = 3, MaxPerStage = 3, MinTop = 300, MaxTop = 300, Constraints = ConstraintStyle.None });
        var (problem, query) = instances.Next();
        var full = PartitionSearch.Run(problem, query);

        for (var attempt = 0; attempt < 200; attempt++)
        {
            var stopped = PartitionSearch.Run(problem, query, deadline: Search.SearchDeadline.After(TimeSpan.FromTicks(1)));

            Assert.Equal(Search.SearchStop.Time, stopped.StoppedBy);
            Assert.True(stopped.Plans.Count < full.Plans.Count);
            Assert.Equal(full.Plans.Take(stopped.Plans.Count).Select(Describe), stopped.Plans.Select(Describe));
        }

        Assert.Equal(Search.SearchStop.None, PartitionSearch.Run(problem, query, deadline: Search.SearchDeadline.After(TimeSpan.FromHours(1))).StoppedBy);
    }

    /// <summary>Asserts the engine's answer is the enumeration's, bit for bit, and returns the number of plans.</summary>
    private static int AssertSameAsBruteForce(PartitionProblem problem, PartitionQuery query, string context)
    {
        var expected = BruteForce.Rank(problem, query);
        var outcome = PartitionSearch.Run(problem, query);
        Assert.True(outcome.Succeeded, $"{context}: {string.Join("; ", outcome.Errors)}");
        Assert.Null(outcome.CutShortReason);
        var actual = outcome.Plans;
        Assert.True(expected.Count == actual.Count, $"{context}: expected {expected.Count} plans, got {actual.Count}");
        for (var k = 0; k < expected.Count; k++)
        {
            var rank = $"{context} rank {k + 1}";
            Assert.True(
                expected[k].Configuration == actual[k].Configuration && expected[k].LatencySeconds == actual[k].LatencySeconds,
                $"{rank}: expected {expected[k].Configuration} ({expected[k].LatencySeconds:R}), got {actual[k].Configuration} ({actual[k].LatencySeconds:R})");
            Assert.Equal(expected[k].TransferBytes, actual[k].TransferBytes);
        }

        return expected.Count;
    }

    private static string Describe(Search.PartitionPlan plan) => $"{plan.Configuration} {plan.LatencySeconds:R}";
}
