using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Scission.Onnx;

namespace Scission.Bench;

/// <summary>Profiles an ONNX model as the agent does and reports how cutting compares with running it whole.</summary>
internal static class ProfileBenchmark
{
    public static Command Command()
    {
        var file = new Option<FileInfo>("--file") { Required = true, Description = "an ONNX model" };
        var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 2 };
        var dims = new Option<string?>("--dims") { Description = "symbolic input dimensions, e.g. dim2:640,dim3:640" };
        var command = new Command("profile", "benchmark every block and the whole model with ONNX Runtime") { file, repeats, warmup, dims };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(repeats), parse.GetValue(warmup), parse.GetValue(dims)));
        return command;
    }

    private static int Run(FileInfo file, int repeats, int warmup, string? dims)
    {
        var wall = Stopwatch.StartNew();
        var bytes = File.ReadAllBytes(file.FullName);
        var dimensions = InputDimensions.Parse(dims) ?? throw new ArgumentException($"--dims must be {InputDimensions.Rule}");
        var model = OnnxModel.Analyze(bytes, dimensions);
        var analysed = wall.Elapsed.TotalSeconds;
        var profile = OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = repeats, Warmup = warmup });
        foreach (var block in profile.Blocks)
        {
            Console.WriteLine($"block {block.Block,3}  layers {block.FirstLayer,4}-{block.LastLayer,-4}  median {block.MedianSeconds * 1000,9:F3} ms  p90 {block.P90Seconds * 1000,9:F3} ms  output {block.OutputBytes / 1024.0,10:F1} KB");
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "profile",
            file = file.Name,
            layers = model.Analysis.LayerCount,
            blocks = profile.Blocks.Count,
            repeats,
            warmup,
            wholeMedianMs = Math.Round(profile.WholeMedianSeconds * 1000, 3),
            sumOfBlocksMedianMs = Math.Round(profile.SumOfBlocksMedianSeconds * 1000, 3),
            ratio = Math.Round(profile.Ratio, 3),
            wallSeconds = Math.Round(profile.WallSeconds, 3),
            wholeSessionSeconds = Math.Round(profile.Whole.SessionSeconds ?? 0, 3),
            peakWorkingSetMB = Math.Round(profile.PeakWorkingSetBytes / 1048576.0, 1),
            analysisSeconds = Math.Round(analysed, 3),
            maxAbsoluteDifference = profile.MaxAbsoluteDifference,
        }));
        return 0;
    }
}
