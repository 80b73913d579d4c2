using System.CommandLine;
using System.Text.Json;
using Scission.Domain;
using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Search;
using Scission.Infrastructure.Datasets;

namespace Scission.Bench;

/// <summary>
/// Every model of the original data set on both networks: each objective other than latency, a two-objective
/// Pareto front, and the sensitivity of the best plan, unconstrained, top 10. The device gets power figures
/// (a Raspberry Pi 4's, roughly) so device energy can be ranked.
/// </summary>
internal static class ObjectivesBenchmark
{
    public static Command Command()
    {
        var path = new Option<DirectoryInfo>("--path") { Required = true, Description = "the scission-ucc2020 data set folder" };
        var command = new Command("objectives", "time objectives, Pareto fronts and sensitivity on the shared data") { path };
        command.SetAction(parse => Run(parse.GetValue(path)!));
        return command;
    }

    private static int Run(DirectoryInfo directory)
    {
        var dataset = ScissionDataset.Load(directory.FullName);
        var kinds = new Dictionary<string, Func<PartitionQuery, PartitionQuery>>
        {
            ["throughput"] = q => q with { Objective = Objective.Throughput },
            ["transferBytes"] = q => q with { Objective = Objective.TransferBytes },
            ["deviceUploadBytes"] = q => q with { Objective = Objective.DeviceUploadBytes },
            ["deviceEnergy"] = q => q with { Objective = Objective.DeviceEnergy },
            ["pareto latency+deviceEnergy"] = q => q with { Pareto = [Objective.Latency, Objective.DeviceEnergy] },
            ["sensitivity"] = q => q with { Sensitivity = true },
            ["sensitivity deviceEnergy"] = q => q with { Sensitivity = true, Objective = Objective.DeviceEnergy },
        };
        var worst = kinds.Keys.ToDictionary(k => k, _ => (Ms: 0.0, Where: ""));
        foreach (var network in new[] { "network_stats.json", "network_stats_wired.json" })
        {
            foreach (var model in dataset.ModelNames)
            {
                var plain = dataset.Problem(model, network);
                var problem = new PartitionProblem(plain.Layout, plain.Profiles.Values.Select(p => p.Resource.Tier == Tier.Device ? p with { Resource = p.Resource with { Power = new PowerFigures(6.4, 1.5, 2.7) } } : p), plain.Links);
                var query = new PartitionQuery(DefaultPipeline.Build(dataset.Resources, StageConstraints.None, StageConstraints.None, StageConstraints.None)) { Top = 10 };
                foreach (var (kind, shape) in kinds)
                {
                    var asked = shape(query);
                    var outcome = PartitionSearch.Run(problem, asked);
                    if (!outcome.Succeeded)
                    {
                        throw new InvalidOperationException($"{kind} on {model}: {outcome.Errors[0].Message}");
                    }

                    var timing = Timing.Measure(() => PartitionSearch.Run(problem, asked), minRuns: 20, minSeconds: 0.1);
                    if (timing.MedianMs > worst[kind].Ms)
                    {
                        worst[kind] = (timing.MedianMs, $"{model} ({problem.Layout.Count} blocks) on {network}");
                    }
                }
            }
        }

        foreach (var (kind, (ms, where)) in worst)
        {
            Console.WriteLine($"{kind,-30} worst median {ms,8:F3} ms  {where}");
        }

        Console.WriteLine(JsonSerializer.Serialize(new { mode = "objectives", worstMedianMs = worst.ToDictionary(w => w.Key, w => Math.Round(w.Value.Ms, 3)) }));
        return 0;
    }
}
