using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scission.Api.Validation;
using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Search;

namespace Scission.Api.Partitions;

internal sealed record SearchRequest([FromRoute] string Model, [FromBody] SearchBody Body)
{
    private static readonly StageBody[] DefaultStages = [new() { Tier = Tier.Device }, new() { Tier = Tier.Edge }, new() { Tier = Tier.Cloud }];

    /// <summary>The canonical request; call only once validation has passed.</summary>
    public PartitionRequest ToRequest() => PartitionRequest.Create(
        Model,
        Body.Network,
        Body.InputBytes,
        Body.Top,
        (Body.Stages ?? DefaultStages).Select(stage => new StageRequest(stage.Tier!.Value, stage.Resources, Constraints(stage.Constraints)))) with
    {
        Options = new PlanOptions(
            Body.Objective ?? Objective.Latency,
            Body.Pareto is { Length: > 0 } pareto ? pareto : null,
            Body.LinkOverrides ?? [],
            Body.LinkScale?.Latency ?? 1,
            Body.LinkScale?.Bandwidth ?? 1,
            Body.Sensitivity ?? false),
    };

    private static StageConstraints Constraints(ConstraintsBody? body) => body is null ? StageConstraints.None : new StageConstraints
    {
        RequiredLayers = body.RequiredLayers ?? [],
        ForbiddenLayers = body.ForbiddenLayers ?? [],
        MustBeUsed = body.MustBeUsed ?? false,
        MustBeUnused = body.MustBeUnused ?? false,
        OnlyResources = body.OnlyResources,
        ExcludedResources = body.ExcludedResources ?? [],
        MaxUploadBytes = body.MaxUploadBytes,
        TimeLimit = body.MaxComputeSeconds is { } seconds ? TimeLimit.Seconds(seconds)
            : body.MaxComputePercent is { } percent ? TimeLimit.Percent(percent)
            : null,
    };
}

internal sealed class SearchRequestValidator : AbstractValidator<SearchRequest>
{
    public SearchRequestValidator(IOptions<LimitsOptions> options)
    {
        var limits = options.Value;
        RuleFor(r => r.Model).CatalogName();
        RuleFor(r => r.Body.Network).CatalogName().When(r => r.Body.Network is not null).OverridePropertyName("network");
        RuleFor(r => r.Body.Top).InclusiveBetween(1, limits.MaxTop).WithMessage($"must be between 1 and {limits.MaxTop}").OverridePropertyName("top");
        RuleFor(r => r.Body.InputBytes).InclusiveBetween(0, Benchmarks.BlockBodyValidator.MaxBytes).WithMessage($"must be 0 to {Benchmarks.BlockBodyValidator.MaxBytes} bytes").OverridePropertyName("inputBytes");
        RuleFor(r => r.Body.Stages)
            .Must(s => s is null || (s.Length >= 1 && s.Length <= limits.MaxStages)).WithMessage($"must hold 1 to {limits.MaxStages} stages (Limits:MaxStages)")
            .OverridePropertyName("stages");
        RuleForEach(r => r.Body.Stages).NotNull().WithMessage("must be a stage object").SetValidator(new StageBodyValidator(limits)).OverridePropertyName("stages");
        RuleFor(r => r.Body.Pareto)
            .Must(p => p is null || (p.Length >= 2 && p.Distinct().Count() == p.Length)).WithMessage("must name two or more different objectives")
            .OverridePropertyName("pareto");
        RuleFor(r => r.Body.Objective).Null().When(r => r.Body.Pareto is { Length: > 0 }).WithMessage("give objective or pareto, not both").OverridePropertyName("objective");
        RuleFor(r => r.Body.LinkOverrides).Must(o => o is null || o.Length <= MaxOverrides).WithMessage($"must hold at most {MaxOverrides} links").OverridePropertyName("linkOverrides");
        RuleForEach(r => r.Body.LinkOverrides).NotNull().WithMessage("must be a link object").SetValidator(new LinkOverrideValidator()).OverridePropertyName("linkOverrides");
        RuleFor(r => r.Body.LinkScale!.Latency).Must(Scale).WithMessage(ScaleRule).When(r => r.Body.LinkScale is not null).OverridePropertyName("linkScale.latency");
        RuleFor(r => r.Body.LinkScale!.Bandwidth).Must(Scale).WithMessage(ScaleRule).When(r => r.Body.LinkScale is not null).OverridePropertyName("linkScale.bandwidth");
    }

    private const int MaxOverrides = 10_000;

    /// <summary>Largest factor a link figure may be scaled by, either way.</summary>
    public const double MaxScale = 1e6;

    public static readonly string ScaleRule = $"must be a factor above 0 and at most {MaxScale:0}";

    public static bool Scale(double? factor) => factor is null || (factor.Value > 0 && factor.Value <= MaxScale);
}

internal sealed class LinkOverrideValidator : AbstractValidator<LinkOverride>
{
    public LinkOverrideValidator()
    {
        RuleFor(o => o.Source).NotNull().WithMessage("is required").ResourceName();
        RuleFor(o => o.Destination).NotNull().WithMessage("is required").ResourceName();
        RuleFor(o => o.Destination).NotEqual(o => o.Source).WithMessage("must differ from source");
        RuleFor(o => o.LatencyMs).Must(v => v is null || v.Value is >= 0 and <= NetworkLink.MaxLatencyMs).WithMessage($"must be 0 to {NetworkLink.MaxLatencyMs} ms");
        RuleFor(o => o.BandwidthMbps).Must(v => v is null || NetworkLink.IsBandwidth(v.Value)).WithMessage($"must be a bandwidth from 1 byte/s (0.000008 Mbps) to {NetworkLink.MaxBandwidthMbps:G} Mbps");
        RuleFor(o => o).Must(o => o.LatencyMs is not null || o.BandwidthMbps is not null).WithMessage("must give latencyMs, bandwidthMbps or both").OverridePropertyName("latencyMs");
    }
}

internal sealed class StageBodyValidator : AbstractValidator<StageBody>
{
    public StageBodyValidator(LimitsOptions limits)
    {
        RuleFor(s => s.Tier).NotNull().WithMessage("is required: device, edge or cloud");
        RuleFor(s => s.Resources).Must(r => r is null || (r.Length > 0 && r.Length <= limits.MaxCandidatesPerStage))
            .WithMessage($"must name 1 to {limits.MaxCandidatesPerStage} resources (Limits:MaxCandidatesPerStage), or be omitted for every benchmarked one of the tier");
        RuleForEach(s => s.Resources).ResourceName();
        RuleFor(s => s.Constraints!).SetValidator(new ConstraintsBodyValidator()).When(s => s?.Constraints is not null);
    }
}

internal sealed class ConstraintsBodyValidator : AbstractValidator<ConstraintsBody>
{
    private const int MaxItems = 10_000;

    public ConstraintsBodyValidator()
    {
        RuleFor(c => c.RequiredLayers).Must(Bounded).WithMessage($"must hold at most {MaxItems} layers");
        RuleFor(c => c.ForbiddenLayers).Must(Bounded).WithMessage($"must hold at most {MaxItems} layers");
        RuleFor(c => c.OnlyResources).Must(Bounded).WithMessage($"must hold at most {MaxItems} resources");
        RuleFor(c => c.ExcludedResources).Must(Bounded).WithMessage($"must hold at most {MaxItems} resources");
        RuleForEach(c => c.RequiredLayers).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more (say mustBeUnused for the original's -1)");
        RuleForEach(c => c.ForbiddenLayers).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more (say mustBeUsed for the original's !-1)");
        RuleForEach(c => c.OnlyResources).ResourceName();
        RuleForEach(c => c.ExcludedResources).ResourceName();
        RuleFor(c => c.MaxUploadBytes).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more");
        RuleFor(c => c.MaxComputeSeconds).Must(v => v is null || (double.IsFinite(v.Value) && v.Value >= 0)).WithMessage("must be a finite number of seconds, 0 or more");
        RuleFor(c => c.MaxComputePercent).Must(v => v is null || (double.IsFinite(v.Value) && v.Value >= 0 && v.Value <= 100)).WithMessage("must lie in 0-100");
        RuleFor(c => c.MaxComputePercent).Null().When(c => c.MaxComputeSeconds is not null).WithMessage("give maxComputeSeconds or maxComputePercent, not both");
    }

    private static bool Bounded<T>(T[]? items) => items is null || items.Length <= MaxItems;
}
