using System.CommandLine;
using System.Text.Json;
using Scission.Domain;
using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Bench;

/// <summary>The partition search on a seeded random instance: R machines per stage, every forward link present.</summary>
internal static class SolverBenchmark
{
    public static Command Command()
    {
        var blocks = new Option<int>("--blocks") { DefaultValueFactory = _ => 1000 };
        var stages = new Option<int>("--stages") { DefaultValueFactory = _ => 3 };
        var resources = new Option<int>("--resources") { DefaultValueFactory = _ => 20 };
        var top = new Option<int>("--top") { DefaultValueFactory = _ => 10 };
        var constrained = new Option<bool>("--constrained") { Description = "add layer, upload and per-stage seconds limits" };
        var percent = new Option<double?>("--percent") { Description = "cap the device stage at this percentage of the plan's compute" };
        var unmeetable = new Option<bool>("--unmeetable") { Description = "with --percent: make the device run the first half of the model, so no plan meets the cap" };
        var memory = new Option<long>("--memory-mb") { DefaultValueFactory = _ => PartitionSearch.DefaultMemoryBudgetBytes >> 20, Description = "the search's memory budget" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var command = new Command("solver", "time the search on a random instance") { blocks, stages, resources, top, constrained, percent, unmeetable, memory, seed };
        command.SetAction(parse => Run(
            parse.GetValue(blocks),
            parse.GetValue(stages),
            parse.GetValue(resources),
            parse.GetValue(top),
            parse.GetValue(constrained),
            (parse.GetValue(percent), parse.GetValue(unmeetable)),
            parse.GetValue(memory) << 20,
            parse.GetValue(seed)));
        return command;
    }

    private static int Run(int blockCount, int stageCount, int perStage, int top, bool constrained, (double? Percent, bool Unmeetable) limit, long memoryBytes, int seed)
    {
        var (percent, unmeetable) = limit;
        var (problem, query) = Instance(blockCount, stageCount, perStage, top, constrained, seed);
        if (percent is { } share)
        {
            query = WithDeviceLimit(query, share, unmeetable ? blockCount : 0);
        }

        var outcome = PartitionSearch.Run(problem, query, memoryBytes);
        if (!outcome.Succeeded)
        {
            Console.Error.WriteLine(string.Join("; ", outcome.Errors));
            return 1;
        }

        var timing = Timing.Measure(() => PartitionSearch.Run(problem, query, memoryBytes));
        var allocated = Timing.AllocatedBytes(() => PartitionSearch.Run(problem, query, memoryBytes));
        if (outcome.Plans.Count > 0)
        {
            Console.WriteLine($"best: {outcome.Plans[0].LatencySeconds:F4}s {outcome.Plans[0].Configuration}");
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "solver",
            blocks = blockCount,
            stages = stageCount,
            resources = perStage,
            top,
            constrained,
            percent,
            unmeetable,
            memoryMB = memoryBytes >> 20,
            plans = outcome.Plans.Count,
            complete = outcome.CutShortReason is null,
            runs = timing.Runs,
            medianMs = Math.Round(timing.MedianMs, 3),
            p95Ms = Math.Round(timing.P95Ms, 3),
            allocatedMB = Math.Round(allocated / 1048576.0, 2),
        }));
        return 0;
    }

    internal static (PartitionProblem Problem, PartitionQuery Query) Instance(int blockCount, int stageCount, int perStage, int top, bool constrained, int seed)
    {
        var random = new Random(seed);
        var layout = BlockLayout.Create([.. Enumerable.Range(0, blockCount).Select(b => new LayerRange(2 * b, (2 * b) + 1))]);
        // Activations shrink along a network, with noise: 4 MB early, a few KB at the end.
        var output = Enumerable.Range(0, blockCount).Select(b => (long)(4_000_000 * Math.Pow(0.001, (double)b / blockCount) * (0.5 + random.NextDouble()))).ToArray();
        var names = new List<string>[stageCount];
        var profiles = new List<ResourceProfile>();
        for (var s = 0; s < stageCount; s++)
        {
            names[s] = [];
            for (var r = 0; r < perStage; r++)
            {
                var name = $"s{s}r{r}";
                names[s].Add(name);
                // Later stages are faster machines, so the best plans really do spread over the pipeline.
                var speed = Math.Pow(4, s) * (0.5 + random.NextDouble());
                profiles.Add(new ResourceProfile(
                    new Resource(name, s == 0 ? Tier.Device : s == stageCount - 1 ? Tier.Cloud : Tier.Edge),
                    [.. output.Select(bytes => new BlockMeasurement(random.NextDouble() * 0.02 / speed, bytes))]));
            }
        }

        var links = new List<NetworkLink>();
        for (var s = 0; s < stageCount; s++)
        {
            foreach (var source in names[s])
            {
                // The device's uplink is slow; links between servers are fast.
                var mbps = s == 0 ? 5.0 : 500.0;
                links.AddRange(names.Skip(s + 1).SelectMany(n => n).Select(destination =>
                    new NetworkLink(source, destination, 1 + (random.NextDouble() * 50), mbps * (0.5 + random.NextDouble()))));
            }
        }

        var stages = Enumerable.Range(0, stageCount).Select(s => new PipelineStage(s == 0 ? Tier.Device : s == stageCount - 1 ? Tier.Cloud : Tier.Edge, names[s])
        {
            Constraints = constrained ? Constraints(s, stageCount, blockCount) : StageConstraints.None,
        }).ToList();
        return (new PartitionProblem(layout, profiles, links), new PartitionQuery(stages) { Top = top, InputBytes = 2_000_000 });
    }

    /// <summary>Caps the device stage at <paramref name="percent"/> %; with <paramref name="requiredLayers"/> it must also run that many first layers.</summary>
    internal static PartitionQuery WithDeviceLimit(PartitionQuery query, double percent, int requiredLayers) => query with
    {
        Stages = [.. query.Stages.Select((stage, s) => s > 0 ? stage : stage with
        {
            Constraints = stage.Constraints with
            {
                TimeLimit = TimeLimit.Percent(percent),
                RequiredLayers = [.. stage.Constraints.RequiredLayers, .. Enumerable.Range(0, requiredLayers)],
            },
        })],
    };

    // Layer demands on the first and last stage, an upload cap on every sender, and a seconds cap on middle stages.
    private static StageConstraints Constraints(int stage, int stageCount, int blockCount) => new()
    {
        RequiredLayers = stage == 0 ? [0] : stage == stageCount - 1 ? [(2 * blockCount) - 1] : [],
        ForbiddenLayers = stage == 0 ? [blockCount] : [],
        MaxUploadBytes = 3_000_000,
        TimeLimit = stage > 0 && stage < stageCount - 1 ? TimeLimit.Seconds(blockCount * 0.002 / 4) : null,
    };
}
