using Scission.Domain.Constraints;
using Scission.Domain.Criteria;
using Scission.Domain.Model;
using Scission.Domain.Tests.Support;
using Scission.Testing;

namespace Scission.Domain.Tests;

public sealed class SharedDataTests
{
    [DatasetFact]
    public void Vgg19ExampleMatchesTheOriginalToolsDocumentedAnswer()
    {
        var problem = SharedDataset.Value.Problem("vgg19", "network_stats.json");
        var stages = DefaultPipeline.Build(
            SharedDataset.Value.Resources,
            ScissionCriteria.Parse("!-1").Constraints!,
            ScissionCriteria.Parse("10").Constraints!,
            ScissionCriteria.Parse("16").Constraints!);

        var outcome = PartitionSearch.Run(problem, new PartitionQuery(stages) { Top = 5 });

        Assert.Equal(DocumentedAnswers.Vgg19, outcome.Plans.Select((plan, k) => DocumentedAnswers.Line(k + 1, plan.LatencySeconds, plan.TransferBytes, plan.Configuration)));
    }

    public static TheoryData<string> Models() => SharedDataset.Directory is null ? ["vgg19"] : [.. SharedDataset.Value.ModelNames];

    [DatasetTheory]
    [MemberData(nameof(Models))]
    public void EveryModelAgreesWithBruteForceOnBothNetworks(string model)
    {
        foreach (var network in new[] { "network_stats.json", "network_stats_wired.json" })
        {
            var problem = SharedDataset.Value.Problem(model, network);
            var stages = DefaultPipeline.Build(SharedDataset.Value.Resources, StageConstraints.None, StageConstraints.None, StageConstraints.None);
            AssertSameAsBruteForce(problem, new PartitionQuery(stages) { Top = 10 });
        }
    }

    [DatasetTheory]
    [MemberData(nameof(Models))]
    public void EveryModelAgreesWithBruteForceUnderPercentageLimitsOnEachTier(string model)
    {
        var problem = SharedDataset.Value.Problem(model, "network_stats.json");
        foreach (var percent in new[] { 1.0, 5, 30, 70 })
        {
            for (var tier = 0; tier < 3; tier++)
            {
                var limited = tier;
                StageConstraints Limit(int t) => t == limited ? new() { TimeLimit = TimeLimit.Percent(percent) } : StageConstraints.None;
                var stages = DefaultPipeline.Build(SharedDataset.Value.Resources, Limit(0), Limit(1), Limit(2));
                AssertSameAsBruteForce(problem, new PartitionQuery(stages) { Top = 10 });
            }
        }
    }

    private static void AssertSameAsBruteForce(PartitionProblem problem, PartitionQuery query)
    {
        var expected = BruteForce.Rank(problem, query);
        var actual = PartitionSearch.Run(problem, query).Plans;

        Assert.Equal(expected.Select(p => (p.Configuration, p.LatencySeconds)), actual.Select(p => (p.Configuration, p.LatencySeconds)));
    }
}
