using System.Globalization;
using Scission.Contracts;
using Scission.Domain.Catalog;
using Scission.Onnx;
using Spectre.Console;

namespace Scission.Agent;

/// <summary>Benchmarks as a table: per block, its statistics, where it ran and what it hands on.</summary>
internal static class BenchmarkTable
{
    public static void Print(IAnsiConsole console, string model, OnnxAnalysis analysis, ModelProfile profile)
    {
        var table = Table();
        foreach (var block in profile.Blocks)
        {
            AddRow(table, block.Block.ToString(CultureInfo.InvariantCulture), $"{block.FirstLayer}-{block.LastLayer}", block.Statistics, analysis.Blocks[block.Block].Bytes);
        }

        AddRow(table, "whole", $"0-{analysis.LayerCount - 1}", profile.Whole, analysis.Blocks[^1].Bytes);
        console.Write(table);
        console.MarkupLineInterpolated($"{model}: whole model {profile.WholeMedianSeconds * 1000:F3} ms, sum of blocks {profile.SumOfBlocksMedianSeconds * 1000:F3} ms (ratio {profile.Ratio:F3}), outputs agree within {profile.MaxAbsoluteDifference:G3}, {profile.Sessions} sessions for {profile.Blocks.Count} blocks, peak working set {profile.PeakWorkingSetBytes / 1048576.0:F0} MiB");
    }

    /// <summary>A benchmark written with <c>--output</c> (or fetched from the service).</summary>
    public static void Print(IAnsiConsole console, BenchmarkBody body)
    {
        var table = Table();
        var blocks = body.Blocks ?? [];
        for (var b = 0; b < blocks.Length; b++)
        {
            var statistics = body.BlockStatistics is { } all && b < all.Length ? all[b] : null;
            AddRow(table, b.ToString(CultureInfo.InvariantCulture), $"{blocks[b].FirstLayer}-{blocks[b].LastLayer}", statistics, blocks[b].OutputBytes ?? 0, blocks[b].LatencySeconds);
        }

        if (body.WholeModel is { } whole)
        {
            AddRow(table, "whole", "", whole, blocks.LastOrDefault()?.OutputBytes ?? 0);
        }

        console.Write(table);
        console.MarkupLineInterpolated($"{body.Runtime} on {body.ExecutionProvider}, {body.Cpu}, {body.OperatingSystem}; threads: {body.Threads}; peak working set {(body.PeakWorkingSetBytes ?? 0) / 1048576.0:F0} MiB; latency = {body.Statistic ?? "median"}; measured {body.MeasuredAt:u}");
    }

    private static Table Table() => new Table().AddColumns("Block", "Layers", "Median ms", "P90 ms", "Min ms", "Mean ms", "SD ms", "Runs", "Cold ms", "Session ms", "Ran on", "Measured with", "Output KB");

    private static void AddRow(Table table, string block, string layers, RunStatistics? s, long outputBytes, double? latency = null)
    {
        static string Ms(double? seconds) => seconds is { } v ? (v * 1000).ToString("F3", CultureInfo.InvariantCulture) : "";
        var providers = s?.Providers is { } names ? string.Join(" ", names.Select(n => n.Replace("ExecutionProvider", "", StringComparison.Ordinal))) : "";
        table.AddRow(
            Markup.Escape(block),
            Markup.Escape(layers),
            Ms(s?.MedianSeconds ?? latency),
            Ms(s?.P90Seconds),
            Ms(s?.MinSeconds),
            Ms(s?.MeanSeconds),
            Ms(s?.StdDevSeconds),
            s?.Count.ToString(CultureInfo.InvariantCulture) ?? "",
            Ms(s?.ColdSeconds),
            Ms(s?.SessionSeconds),
            Markup.Escape(providers + (s?.FellBackToCpu == true ? " (fell back)" : "")),
            s?.GroupBlocks is { } group ? Markup.Escape($"blocks {group} ({s.GroupShare:P0})") : "",
            (outputBytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture));
    }
}
