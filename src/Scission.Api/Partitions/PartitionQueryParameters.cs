using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scission.Api.Validation;
using Scission.Domain.Catalog;
using Scission.Domain.Criteria;
using Scission.Domain.Model;

namespace Scission.Api.Partitions;

/// <summary>
/// The original tool's options as query parameters of <c>GET /v1/models/{model}/partitions</c>. Named in camelCase,
/// as the README and the contract write them (binding ignores case, so any spelling still works).
/// </summary>
internal sealed record PartitionQueryParameters(
    [FromRoute] string Model,
    [FromQuery(Name = "network")] string? Network,
    [FromQuery(Name = "top")] int? Top,
    [FromQuery(Name = "inputMB")] double? InputMB,
    [FromQuery(Name = "device")] string? Device,
    [FromQuery(Name = "edge")] string? Edge,
    [FromQuery(Name = "cloud")] string? Cloud,
    [FromQuery(Name = "deviceUploadMB")] double? DeviceUploadMB,
    [FromQuery(Name = "edgeUploadMB")] double? EdgeUploadMB,
    [FromQuery(Name = "deviceTime")] string? DeviceTime,
    [FromQuery(Name = "edgeTime")] string? EdgeTime,
    [FromQuery(Name = "cloudTime")] string? CloudTime,
    [FromQuery(Name = "bandwidthScale")] double? BandwidthScale,
    [FromQuery(Name = "latencyScale")] double? LatencyScale,
    [FromQuery(Name = "objective")] string? Objective)
{
    // Parsed once per request, for the validator and then for the request itself.
    private readonly CriteriaResult?[] _criteria = new CriteriaResult?[3];
    private readonly TimeLimitResult?[] _limits = new TimeLimitResult?[3];

    public CriteriaResult CriteriaOf(Tier tier) =>
        _criteria[(int)tier] ??= ScissionCriteria.Parse(tier switch { Tier.Device => Device, Tier.Edge => Edge, _ => Cloud });

    /// <summary>The tier's time limit, or <c>null</c> when none was given.</summary>
    public TimeLimitResult? LimitOf(Tier tier)
    {
        var text = tier switch { Tier.Device => DeviceTime, Tier.Edge => EdgeTime, _ => CloudTime };
        return string.IsNullOrWhiteSpace(text) ? null : _limits[(int)tier] ??= ScissionCriteria.ParseTimeLimit(text);
    }

    /// <summary>The canonical request; call only once validation has passed.</summary>
    public PartitionRequest ToRequest() => PartitionRequest.Create(
        Model,
        Network,
        InputMB is { } mb ? Megabytes(mb) : null,
        Top,
        [
            Stage(Tier.Device, DeviceUploadMB),
            Stage(Tier.Edge, EdgeUploadMB),
            Stage(Tier.Cloud, null),
        ]) with
    {
        Options = PlanOptions.Default with { Objective = ObjectiveOf(Objective) ?? Scission.Domain.Search.Objective.Latency, LatencyScale = LatencyScale ?? 1, BandwidthScale = BandwidthScale ?? 1, ScaleFields = ("latencyScale", "bandwidthScale") },
    };

    /// <summary>An objective by its contract name (<c>deviceUploadBytes</c>), ignoring case; <c>null</c> when absent or unknown.</summary>
    public static Scission.Domain.Search.Objective? ObjectiveOf(string? name) =>
        name is not null && Enum.TryParse<Scission.Domain.Search.Objective>(name, ignoreCase: true, out var objective) && Enum.IsDefined(objective) && !int.TryParse(name, out _) ? objective : null;

    /// <summary>Megabytes as the original counts them (10^6 bytes), to whole bytes.</summary>
    public static long Megabytes(double megabytes) => (long)Math.Round(megabytes * 1_000_000, MidpointRounding.AwayFromZero);

    private StageRequest Stage(Tier tier, double? uploadMB) => new(
        tier,
        null,
        CriteriaOf(tier).Constraints! with
        {
            // Bytes are whole: a cap of x MB admits every size up to floor(x * 10^6), rounding noise aside.
            MaxUploadBytes = uploadMB is { } mb ? (long)Math.Floor((mb * 1_000_000) + 1e-6) : null,
            TimeLimit = LimitOf(tier)?.Limit,
        });
}

/// <summary>
/// One rule over the whole query: this route is the hottest in the service, and one pass over the values costs
/// a fraction of a rule per parameter.
/// </summary>
internal sealed class PartitionQueryParametersValidator : AbstractValidator<PartitionQueryParameters>
{
    private const double MaxMegabytes = 1_000_000;

    public PartitionQueryParametersValidator(IOptions<LimitsOptions> options)
    {
        var maxTop = options.Value.MaxTop;
        RuleFor(p => p).Custom((p, context) => Check(p, context, maxTop));
    }

    private static void Check(PartitionQueryParameters p, ValidationContext<PartitionQueryParameters> context, int maxTop)
    {
        if (!CatalogName.IsValid(p.Model))
        {
            context.AddFailure("model", $"must be a name of {CatalogName.Rule}");
        }

        if (p.Network is not null && !CatalogName.IsValid(p.Network))
        {
            context.AddFailure("network", $"must be a name of {CatalogName.Rule}");
        }

        if (p.Top < 1 || p.Top > maxTop)
        {
            context.AddFailure("top", $"must be between 1 and {maxTop}");
        }

        foreach (var (field, factor) in new[] { ("bandwidthScale", p.BandwidthScale), ("latencyScale", p.LatencyScale) })
        {
            if (!SearchRequestValidator.Scale(factor))
            {
                context.AddFailure(field, SearchRequestValidator.ScaleRule);
            }
        }

        if (p.Objective is not null && PartitionQueryParameters.ObjectiveOf(p.Objective) is null)
        {
            context.AddFailure("objective", "must be latency, throughput, transferBytes, deviceUploadBytes or deviceEnergy");
        }

        Megabytes(context, "inputMB", p.InputMB);
        Megabytes(context, "deviceUploadMB", p.DeviceUploadMB);
        Megabytes(context, "edgeUploadMB", p.EdgeUploadMB);
        foreach (var (tier, name) in new[] { (Tier.Device, "device"), (Tier.Edge, "edge"), (Tier.Cloud, "cloud") })
        {
            if (p.CriteriaOf(tier).Error is { } criteriaError)
            {
                context.AddFailure(name, criteriaError);
            }

            if (p.LimitOf(tier)?.Error is { } limitError)
            {
                context.AddFailure(name + "Time", limitError);
            }
        }
    }

    private static void Megabytes(ValidationContext<PartitionQueryParameters> context, string field, double? value)
    {
        if (value is { } megabytes && !(double.IsFinite(megabytes) && megabytes >= 0 && megabytes <= MaxMegabytes))
        {
            context.AddFailure(field, $"must be a finite number of megabytes between 0 and {MaxMegabytes}");
        }
    }
}
