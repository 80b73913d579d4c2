using System.CommandLine;
using System.Text.Json;
using Scission.Domain;
using Scission.Domain.Constraints;
using Scission.Infrastructure.Datasets;

namespace Scission.Bench;

/// <summary>Every model of the original data set, unconstrained top 10, on each network file.</summary>
internal static class DatasetBenchmark
{
    public static Command Command()
    {
        var path = new Option<DirectoryInfo>("--path") { Required = true, Description = "the scission-ucc2020 data set folder" };
        var top = new Option<int>("--top") { DefaultValueFactory = _ => 10 };
        var percent = new Option<double?>("--percent") { Description = "cap each tier in turn at this percentage of compute (three queries per model and network)" };
        var command = new Command("dataset", "time every shared-data query") { path, top, percent };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(top), parse.GetValue(percent)));
        return command;
    }

    private static int Run(DirectoryInfo directory, int top, double? percent)
    {
        var dataset = ScissionDataset.Load(directory.FullName);
        var rows = new List<(string Model, string Network, double MedianMs)>();
        foreach (var network in new[] { "network_stats.json", "network_stats_wired.json" })
        {
            foreach (var model in dataset.ModelNames)
            {
                var problem = dataset.Problem(model, network);
                foreach (var limited in percent is null ? [-1] : new[] { 0, 1, 2 })
                {
                    StageConstraints Limit(int tier) => tier == limited ? new() { TimeLimit = TimeLimit.Percent(percent!.Value) } : StageConstraints.None;
                    var stages = DefaultPipeline.Build(dataset.Resources, Limit(0), Limit(1), Limit(2));
                    var query = new PartitionQuery(stages) { Top = top };
                    var timing = Timing.Measure(() => PartitionSearch.Run(problem, query), minRuns: 50, minSeconds: 0.2);
                    rows.Add((model, network, timing.MedianMs));
                    Console.WriteLine($"{model,-20} {network,-26} {problem.Layout.Count,4} blocks  limit on {limited,2}  median {timing.MedianMs,8:F4} ms");
                }
            }
        }

        var worst = rows.MaxBy(r => r.MedianMs);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "dataset",
            queries = rows.Count,
            top,
            percent,
            maxMedianMs = Math.Round(worst.MedianMs, 4),
            slowest = $"{worst.Model} on {worst.Network}",
        }));
        return 0;
    }
}
