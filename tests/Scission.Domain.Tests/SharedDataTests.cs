using System.Globalization;
using Scission.Domain.Constraints;
using Scission.Domain.Criteria;
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

        string[] expected =
        [
            "[1] 9.0106s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
            "[2] 9.0594s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
            "[3] 9.0721s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
            "[4] 9.1209s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
            "[5] 9.1511s - 3.2115MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 12, Cloud(6700k(GPU)) = 13 - 25",
        ];
        Assert.Equal(expected, outcome.Plans.Select((plan, k) => string.Create(
            CultureInfo.InvariantCulture,
            $"[{k + 1}] {Math.Round(plan.LatencySeconds, 4)}s - {Math.Round(plan.TransferBytes / 1e6, 4)}MB - {plan.Configuration}")));
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
            var query = new PartitionQuery(stages) { Top = 10 };

            var expected = BruteForce.Rank(problem, query);
            var actual = PartitionSearch.Run(problem, query).Plans;

            Assert.Equal(expected.Select(p => (p.Configuration, p.LatencySeconds)), actual.Select(p => (p.Configuration, p.LatencySeconds)));
        }
    }
}
