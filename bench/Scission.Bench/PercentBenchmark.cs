using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Scission.Domain;

namespace Scission.Bench;

/// <summary>
/// Percentage limits on random instances: 60-100 blocks, 3 tiers of 4-5 machines, a limit of 1-90 % on one
/// random tier, top 10. Reports the spread of per-query times (each the median of a few runs).
/// </summary>
internal static class PercentBenchmark
{
    public static Command Command()
    {
        var count = new Option<int>("--instances") { DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var command = new Command("percent", "time percentage-limited queries on random instances") { count, seed };
        command.SetAction(parse => Run(parse.GetValue(count), parse.GetValue(seed)));
        return command;
    }

    private static int Run(int count, int seed)
    {
        var random = new Random(seed);
        var times = new List<double>();
        var answered = 0;
        var cutShort = 0;
        long maxAllocated = 0;
        for (var k = 0; k < count; k++)
        {
            var (problem, query) = SolverBenchmark.Instance(random.Next(60, 101), 3, random.Next(4, 6), 10, constrained: false, seed: random.Next());
            var tier = random.Next(3);
            var percent = random.Next(1, 91);
            query = query with
            {
                Stages = [.. query.Stages.Select((stage, s) => s != tier ? stage : stage with { Constraints = stage.Constraints with { TimeLimit = Domain.Constraints.TimeLimit.Percent(percent) } })],
            };
            var outcome = PartitionSearch.Run(problem, query);
            answered += outcome.Plans.Count > 0 ? 1 : 0;
            cutShort += outcome.CutShortReason is null ? 0 : 1;
            var samples = new List<double>();
            for (var run = 0; run < 5; run++)
            {
                var watch = Stopwatch.StartNew();
                PartitionSearch.Run(problem, query);
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }

            samples.Sort();
            times.Add(samples[samples.Count / 2]);
            maxAllocated = Math.Max(maxAllocated, Timing.AllocatedBytes(() => PartitionSearch.Run(problem, query)));
        }

        times.Sort();
        Console.WriteLine($"{count} queries, {answered} with plans, {cutShort} cut short");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "percent",
            instances = count,
            answered,
            cutShort,
            medianMs = Math.Round(Timing.Percentile(times, 0.5), 3),
            p95Ms = Math.Round(Timing.Percentile(times, 0.95), 3),
            maxMs = Math.Round(times[^1], 3),
            maxAllocatedMB = Math.Round(maxAllocated / 1048576.0, 2),
        }));
        return 0;
    }
}
