using Scission.Domain.Tests.Support;

namespace Scission.Domain.Tests;

public sealed class SearchMatchesBruteForceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TopKEqualsBruteForceOnRandomInstances(int seed)
    {
        var instances = new RandomInstances(seed);
        var nonEmpty = 0;
        for (var round = 0; round < 1000; round++)
        {
            var (problem, query) = instances.Next();
            var expected = BruteForce.Rank(problem, query);
            var outcome = PartitionSearch.Run(problem, query);

            Assert.True(outcome.Succeeded, $"seed {seed} round {round}: {string.Join("; ", outcome.Errors)}");
            var actual = outcome.Plans;
            Assert.True(expected.Count == actual.Count, $"seed {seed} round {round}: expected {expected.Count} plans, got {actual.Count}");
            for (var k = 0; k < expected.Count; k++)
            {
                var context = $"seed {seed} round {round} rank {k + 1}";
                Assert.True(Math.Abs(expected[k].LatencySeconds - actual[k].LatencySeconds) <= 1e-12 * Math.Max(1, expected[k].LatencySeconds), context);
                Assert.True(expected[k].Configuration == actual[k].Configuration, $"{context}: expected {expected[k].Configuration} ({expected[k].LatencySeconds:R}), got {actual[k].Configuration} ({actual[k].LatencySeconds:R})");
                Assert.Equal(expected[k].TransferBytes, actual[k].TransferBytes);
            }

            nonEmpty += expected.Count > 0 ? 1 : 0;
        }

        // The generator must not degenerate into queries that no plan satisfies.
        Assert.InRange(nonEmpty, 500, 1000);
    }
}
