using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Tests.Support;

namespace Scission.Domain.Tests;

/// <summary>The best plan across a link's bandwidth range against the brute force at the link set to points inside each stretch.</summary>
public sealed class BandwidthSweepTests
{
    [Fact]
    public void InsideEachStretchItsPlanIsTheBruteForcesBest()
    {
        var instances = new RandomInstances(400, new InstanceFamily { MaxBlocks = 6, MaxStages = 3, Constraints = ConstraintStyle.None });
        var random = new Random(9);
        var stretches = 0;
        for (var round = 0; round < 400; round++)
        {
            var (problem, query) = instances.Next();
            var links = problem.Links.ToList();
            if (links.Count == 0)
            {
                continue;
            }

            var link = links[random.Next(links.Count)];
            var (segments, errors) = PartitionSearch.SweepBandwidth(problem, query, link.Source, link.Destination, 0.5, 500);
            if (errors.Count > 0)
            {
                Assert.Equal("destination", errors[0].Field);
                continue;
            }

            Assert.All(segments.Zip(segments.Skip(1)), pair => Assert.Equal(pair.First.ToMbps, pair.Second.FromMbps, 9));
            foreach (var segment in segments.Where(s => s.ToMbps / s.FromMbps > 1.01))
            {
                stretches++;
                var inside = Math.Sqrt(segment.FromMbps * segment.ToMbps);
                var best = BruteForce.All(problem.WithLinks([link with { BandwidthMbps = inside }]), query)[0];
                Assert.Equal(best.Configuration, segment.Config);
                // The stored link rounds to whole bytes per second; the line does not.
                Assert.True(Math.Abs(best.LatencySeconds - segment.LatencyAt(inside)) <= 1e-6 * best.LatencySeconds, $"{best.LatencySeconds} against {segment.LatencyAt(inside)}");
            }
        }

        Assert.True(stretches > 300, $"only {stretches} stretches were checked");
    }

    [Fact]
    public void ALinkNoStageCanUseIsRefused()
    {
        var layout = BlockLayout.Create([new LayerRange(0, 0)]);
        var profiles = new[] { new ResourceProfile(new Resource("a", Tier.Device), [new BlockMeasurement(1, 10)]), new ResourceProfile(new Resource("b", Tier.Cloud), [new BlockMeasurement(1, 10)]) };
        var problem = new PartitionProblem(layout, profiles, []);
        var query = new PartitionQuery([new PipelineStage(Tier.Device, ["a"]), new PipelineStage(Tier.Cloud, ["b"])]);

        Assert.Equal("destination", PartitionSearch.SweepBandwidth(problem, query, "a", "b", 1, 10).Errors.Single().Field);
    }
}
