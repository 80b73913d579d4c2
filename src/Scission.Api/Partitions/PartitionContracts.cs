using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Scission.Domain.Model;

namespace Scission.Api.Partitions;

/// <summary>Ranked plans for one model over one network.</summary>
public sealed record PartitionResponse(string Model, string Network, PartitionResult[] Results)
{
    /// <summary>
    /// False when the search reached its memory budget (<c>Search:MemoryBudgetBytes</c>): the results are then exactly
    /// the best plans, in order, but fewer than asked for.
    /// </summary>
    public required bool Complete { get; init; }

    /// <summary>Why the list was cut short; absent when it is complete.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CutShortReason { get; init; }

    /// <summary>What the results are ranked by: an objective, or <c>pareto</c> for a front.</summary>
    public string RankedBy { get; init; } = "latency";

    /// <summary>For every link the best plan uses, how far it may move before another plan is best; present when asked for.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Scission.Domain.Search.LinkSensitivity[]? Sensitivity { get; init; }
}

/// <summary>One plan: latency, its parts, every other metric, the original's configuration string and the used stages.</summary>
public sealed record PartitionResult(
    int Rank,
    double LatencySeconds,
    double ComputeSeconds,
    double TransferSeconds,
    long TransferBytes,
    string Config,
    StageResult[] Stages)
{
    /// <summary>Inferences per second with the stages run as a pipeline: 1 / the slowest used stage or hop; null when every one takes 0 s (or so little that the rate is beyond a double).</summary>
    public required double? ThroughputPerSecond { get; init; }

    /// <summary>Bytes leaving the first stage's machine (the input when it runs nothing; 0 when it runs everything).</summary>
    public required long DeviceUploadBytes { get; init; }

    /// <summary>The first stage's machine's energy for one inference; present when it has power figures.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DeviceEnergyJoules { get; init; }

    /// <summary>Every hop in order: what crosses from one used stage (or the idle first stage) to the next, and how long it takes.</summary>
    public required HopResult[] Hops { get; init; }

    /// <summary>This plan drawn as an SVG chart: compute per stage and transfer per hop; null when the question is too long to link (over 2,000 characters).</summary>
    public string? PlanChartHref { get; init; }
}

/// <summary>One hop of a plan.</summary>
public sealed record HopResult(int FromStage, int ToStage, string Source, string Destination, long Bytes, double TransferSeconds);

/// <summary>What one used stage runs; for a model uploaded as ONNX, <c>segmentHref</c> downloads the piece to deploy.</summary>
public sealed record StageResult(
    int Stage,
    Tier Tier,
    string Resource,
    int FirstLayer,
    int LastLayer,
    int FirstBlock,
    int LastBlock,
    double ComputeSeconds,
    long OutputBytes,
    string? SegmentHref);

/// <summary>The full engine: any ordered list of stages with structured constraints.</summary>
public sealed record SearchBody
{
    /// <summary>The network whose links are used; <c>default</c> when omitted.</summary>
    public string? Network { get; init; }

    /// <summary>Bytes of input the first stage holds (default 150,000).</summary>
    public long? InputBytes { get; init; }

    /// <summary>How many plans to return, 1-1000 (default 5).</summary>
    public int? Top { get; init; }

    /// <summary>Ordered stages, the first holding the input; device, edge, cloud when omitted.</summary>
    public StageBody[]? Stages { get; init; }

    /// <summary>What to rank by (default latency); ties fall back to latency, then the path order.</summary>
    public Scission.Domain.Search.Objective? Objective { get; init; }

    /// <summary>Two or more objectives: answer every plan no other beats on all of them, sorted by the first, capped by top.</summary>
    public Scission.Domain.Search.Objective[]? Pareto { get; init; }

    /// <summary>Links' figures for this question alone.</summary>
    public LinkOverride[]? LinkOverrides { get; init; }

    /// <summary>Factors for every stored link's latency and bandwidth, for this question alone (overrides are not scaled).</summary>
    public LinkScale? LinkScale { get; init; }

    /// <summary>Also say, for every link the best plan uses, the range it stays best in (objectives latency and deviceEnergy, which a link's time moves linearly).</summary>
    public bool? Sensitivity { get; init; }
}

/// <summary>One stage of a searched pipeline.</summary>
public sealed record StageBody
{
    /// <summary>The stage's tier: its label, and its default resources.</summary>
    [Required]
    public Tier? Tier { get; init; }

    /// <summary>Resources that may serve the stage; every benchmarked resource of the tier when omitted.</summary>
    public string[]? Resources { get; init; }

    /// <summary>Demands on the stage.</summary>
    public ConstraintsBody? Constraints { get; init; }
}

/// <summary>Demands on one stage; all optional.</summary>
public sealed record ConstraintsBody
{
    /// <summary>Layers that must run on this stage.</summary>
    public int[]? RequiredLayers { get; init; }

    /// <summary>Layers that must not run on this stage.</summary>
    public int[]? ForbiddenLayers { get; init; }

    /// <summary>The stage must run at least one block.</summary>
    public bool? MustBeUsed { get; init; }

    /// <summary>The stage must run nothing.</summary>
    public bool? MustBeUnused { get; init; }

    /// <summary>Only these resources may serve the stage.</summary>
    public string[]? OnlyResources { get; init; }

    /// <summary>These resources must not serve the stage.</summary>
    public string[]? ExcludedResources { get; init; }

    /// <summary>Most bytes the stage may send onward.</summary>
    public long? MaxUploadBytes { get; init; }

    /// <summary>Most seconds of compute on the stage.</summary>
    public double? MaxComputeSeconds { get; init; }

    /// <summary>Most percent of the plan's total compute (transfers excluded) on the stage.</summary>
    public double? MaxComputePercent { get; init; }
}
