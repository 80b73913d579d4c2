using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Scission.Domain.Catalog;
using Scission.Domain.Criteria;
using Scission.Domain.Model;

namespace Scission.Api.Partitions;

/// <summary>The original tool's options as query parameters of <c>GET /v1/models/{model}/partitions</c>.</summary>
internal sealed record PartitionQueryParameters(
    [FromRoute] string Model,
    [FromQuery] string? Network,
    [FromQuery] int? Top,
    [FromQuery(Name = "inputMB")] double? InputMB,
    [FromQuery] string? Device,
    [FromQuery] string? Edge,
    [FromQuery] string? Cloud,
    [FromQuery(Name = "deviceUploadMB")] double? DeviceUploadMB,
    [FromQuery(Name = "edgeUploadMB")] double? EdgeUploadMB,
    [FromQuery] string? DeviceTime,
    [FromQuery] string? EdgeTime,
    [FromQuery] string? CloudTime)
{
    /// <summary>The canonical request; call only once validation has passed.</summary>
    public PartitionRequest ToRequest() => PartitionRequest.Create(
        Model,
        Network,
        InputMB is { } mb ? Megabytes(mb) : null,
        Top,
        [
            Stage(Tier.Device, Device, DeviceUploadMB, DeviceTime),
            Stage(Tier.Edge, Edge, EdgeUploadMB, EdgeTime),
            Stage(Tier.Cloud, Cloud, null, CloudTime),
        ]);

    /// <summary>Megabytes as the original counts them (10^6 bytes), to whole bytes.</summary>
    public static long Megabytes(double megabytes) => (long)Math.Round(megabytes * 1_000_000, MidpointRounding.AwayFromZero);

    private static StageRequest Stage(Tier tier, string? criteria, double? uploadMB, string? time) => new(
        tier,
        null,
        ScissionCriteria.Parse(criteria).Constraints! with
        {
            // Bytes are whole: a cap of x MB admits every size up to floor(x * 10^6), rounding noise aside.
            MaxUploadBytes = uploadMB is { } mb ? (long)Math.Floor((mb * 1_000_000) + 1e-6) : null,
            TimeLimit = string.IsNullOrWhiteSpace(time) ? null : ScissionCriteria.ParseTimeLimit(time).Limit,
        });
}

/// <summary>
/// One rule over the whole query: this route is the hottest in the service, and one pass over the values costs
/// a fraction of a rule per parameter.
/// </summary>
internal sealed class PartitionQueryParametersValidator : AbstractValidator<PartitionQueryParameters>
{
    private const double MaxMegabytes = 1_000_000;

    public PartitionQueryParametersValidator() => RuleFor(p => p).Custom(Check);

    private static void Check(PartitionQueryParameters p, ValidationContext<PartitionQueryParameters> context)
    {
        if (!CatalogName.IsValid(p.Model))
        {
            context.AddFailure("model", $"must be a name of {CatalogName.Rule}");
        }

        if (p.Network is not null && !CatalogName.IsValid(p.Network))
        {
            context.AddFailure("network", $"must be a name of {CatalogName.Rule}");
        }

        if (p.Top is < 1 or > 1000)
        {
            context.AddFailure("top", "must be between 1 and 1000");
        }

        Megabytes(context, "inputMB", p.InputMB);
        Megabytes(context, "deviceUploadMB", p.DeviceUploadMB);
        Megabytes(context, "edgeUploadMB", p.EdgeUploadMB);
        Criteria(context, "device", p.Device);
        Criteria(context, "edge", p.Edge);
        Criteria(context, "cloud", p.Cloud);
        TimeLimit(context, "deviceTime", p.DeviceTime);
        TimeLimit(context, "edgeTime", p.EdgeTime);
        TimeLimit(context, "cloudTime", p.CloudTime);
    }

    private static void Megabytes(ValidationContext<PartitionQueryParameters> context, string field, double? value)
    {
        if (value is { } megabytes && !(double.IsFinite(megabytes) && megabytes >= 0 && megabytes <= MaxMegabytes))
        {
            context.AddFailure(field, $"must be a finite number of megabytes between 0 and {MaxMegabytes}");
        }
    }

    private static void Criteria(ValidationContext<PartitionQueryParameters> context, string field, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text) && ScissionCriteria.Parse(text).Error is { } error)
        {
            context.AddFailure(field, error);
        }
    }

    private static void TimeLimit(ValidationContext<PartitionQueryParameters> context, string field, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text) && ScissionCriteria.ParseTimeLimit(text).Error is { } error)
        {
            context.AddFailure(field, error);
        }
    }
}
