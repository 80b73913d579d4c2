using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scission.Api.Validation;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Api.Benchmarks;

/// <summary>Stored benchmarks as the service answers them.</summary>
internal static class BenchmarkResponses
{
    public static BenchmarkResponse From(string model, BenchmarkRecord record) => new(
        model,
        record.Resource,
        [.. record.Blocks.Select(b => new BlockResponse(b.FirstLayer, b.LastLayer, b.LatencySeconds, b.OutputBytes))],
        record.Provenance,
        record.StoredAt);
}

/// <summary>Which machine has a benchmark of a model.</summary>
public sealed record BenchmarkSummary(string Resource, int BlockCount, DateTimeOffset StoredAt, DateTimeOffset? MeasuredAt, string Href);

internal sealed record PutBenchmarkRequest([FromRoute] string Model, [FromRoute] string Resource, [FromBody] BenchmarkBody Body)
{
    public BenchmarkRecord ToRecord(DateTimeOffset now) => new(
        Resource,
        [.. Body.Blocks!.Select(b => new BenchmarkBlock(b.FirstLayer!.Value, b.LastLayer!.Value, b.LatencySeconds!.Value, b.OutputBytes!.Value))],
        new BenchmarkProvenance
        {
            Repeats = Body.Repeats,
            Runtime = Body.Runtime,
            ExecutionProvider = Body.ExecutionProvider,
            Threads = Body.Threads,
            Cpu = Body.Cpu,
            OperatingSystem = Body.OperatingSystem,
            Notes = Body.Notes,
            MeasuredAt = Body.MeasuredAt,
            Statistic = Body.Statistic,
            MinSeconds = Body.MinSeconds,
            BlockStatistics = Body.BlockStatistics,
            WholeModel = Body.WholeModel,
            PeakWorkingSetBytes = Body.PeakWorkingSetBytes,
        },
        now);
}

internal sealed class PutBenchmarkRequestValidator : AbstractValidator<PutBenchmarkRequest>
{
    public PutBenchmarkRequestValidator(IOptions<LimitsOptions> options)
    {
        var maxBlocks = options.Value.MaxBlocks;
        RuleFor(r => r.Model).CatalogName();
        RuleFor(r => r.Resource).ResourceName();
        RuleFor(r => r.Body.Blocks).NotNull().WithMessage("is required: one object per block")
            .Must(b => b is null || b.Length > 0).WithMessage("must hold at least one block")
            .Must(b => b is null || b.Length <= maxBlocks).WithMessage($"must hold at most {maxBlocks} blocks (Limits:MaxBlocks)")
            .OverridePropertyName("blocks");
        // A null element is never handed to the child validator, so it is refused here.
        RuleForEach(r => r.Body.Blocks).NotNull().WithMessage("must be a block object").SetValidator(new BlockBodyValidator()).OverridePropertyName("blocks");
        RuleFor(r => r.Body.Blocks).Custom(CheckLayout);
        RuleFor(r => r.Body.Repeats).GreaterThanOrEqualTo(1).WithMessage("must be at least 1").OverridePropertyName("repeats");
        RuleFor(r => r.Body.Runtime).MaximumLength(200).OverridePropertyName("runtime");
        RuleFor(r => r.Body.ExecutionProvider).MaximumLength(200).OverridePropertyName("executionProvider");
        RuleFor(r => r.Body.Threads).MaximumLength(200).OverridePropertyName("threads");
        RuleFor(r => r.Body.Cpu).MaximumLength(200).OverridePropertyName("cpu");
        RuleFor(r => r.Body.OperatingSystem).MaximumLength(200).OverridePropertyName("operatingSystem");
        RuleFor(r => r.Body.Notes).MaximumLength(2000).OverridePropertyName("notes");
        RuleFor(r => r.Body.Statistic).Must(s => s is null or "median" or "p90" or "min").WithMessage("must be median, p90 or min").OverridePropertyName("statistic");
        RuleFor(r => r.Body.MinSeconds).Must(FiniteSeconds).WithMessage("must be a finite number of seconds, 0 or more").OverridePropertyName("minSeconds");
        RuleFor(r => r.Body.PeakWorkingSetBytes).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more").OverridePropertyName("peakWorkingSetBytes");
        RuleFor(r => r.Body.BlockStatistics)
            .Must((r, statistics) => statistics is null || r.Body.Blocks is null || statistics.Length == r.Body.Blocks.Length)
            .WithMessage("must hold one entry per block")
            .OverridePropertyName("blockStatistics");
        RuleForEach(r => r.Body.BlockStatistics).NotNull().WithMessage("must be a statistics object").SetValidator(new RunStatisticsValidator()).OverridePropertyName("blockStatistics");
        RuleFor(r => r.Body.WholeModel!).SetValidator(new RunStatisticsValidator()).When(r => r.Body.WholeModel is not null).OverridePropertyName("wholeModel");
    }

    private static bool FiniteSeconds(double? value) => value is null || (double.IsFinite(value.Value) && value.Value >= 0);

    // Only once every block is complete does the order of layers say anything.
    private static void CheckLayout(BlockBody[]? blocks, ValidationContext<PutBenchmarkRequest> context)
    {
        if (blocks is null || blocks.Any(b => b?.FirstLayer is null || b.LastLayer is null))
        {
            return;
        }

        if (BlockLayout.TryCreate([.. blocks.Select(b => new LayerRange(b.FirstLayer!.Value, b.LastLayer!.Value))], out var error) is null && error!.BlockIndex >= 0)
        {
            context.AddFailure($"blocks[{error.BlockIndex}]", $"{error.Message}: blocks must be contiguous and increasing");
        }
    }
}

internal sealed class RunStatisticsValidator : AbstractValidator<RunStatistics>
{
    public RunStatisticsValidator()
    {
        const string seconds = "must be a finite number of seconds, 0 or more";
        RuleFor(s => s.MedianSeconds).Must(Finite).WithMessage(seconds);
        RuleFor(s => s.P90Seconds).Must(Finite).WithMessage(seconds);
        RuleFor(s => s.MinSeconds).Must(Finite).WithMessage(seconds);
        RuleFor(s => s.MeanSeconds).Must(Finite).WithMessage(seconds);
        RuleFor(s => s.StdDevSeconds).Must(Finite).WithMessage(seconds);
        RuleFor(s => s.ColdSeconds).Must(v => v is null || Finite(v.Value)).WithMessage(seconds);
        RuleFor(s => s.SessionSeconds).Must(v => v is null || Finite(v.Value)).WithMessage(seconds);
        RuleFor(s => s.Count).GreaterThanOrEqualTo(1).WithMessage("must be at least 1");
        RuleFor(s => s.Providers).Must(p => p is null || (p.Count <= 16 && p.All(name => name is { Length: > 0 and <= 100 }))).WithMessage("must name at most 16 providers of 1-100 characters");
    }

    private static bool Finite(double value) => double.IsFinite(value) && value >= 0;
}

internal sealed class BlockBodyValidator : AbstractValidator<BlockBody>
{
    /// <summary>A petabyte: far above any tensor, and low enough that sums over many hops cannot overflow.</summary>
    public const long MaxBytes = 1_000_000_000_000_000;

    public BlockBodyValidator()
    {
        RuleFor(b => b.FirstLayer).NotNull().WithMessage("is required").GreaterThanOrEqualTo(0).WithMessage("must be 0 or more");
        RuleFor(b => b.LastLayer).NotNull().WithMessage("is required").GreaterThanOrEqualTo(0).WithMessage("must be 0 or more");
        RuleFor(b => b.LatencySeconds).NotNull().WithMessage("is required")
            .Must(v => v is null || v.Value is >= 0 and <= BlockMeasurement.MaxLatencySeconds).WithMessage($"must be a number of seconds from 0 to {BlockMeasurement.MaxLatencySeconds:G}");
        RuleFor(b => b.OutputBytes).NotNull().WithMessage("is required").InclusiveBetween(0, MaxBytes).WithMessage($"must be 0 to {MaxBytes} bytes");
    }
}
