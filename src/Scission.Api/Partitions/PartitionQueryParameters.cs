using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
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

internal sealed class PartitionQueryParametersValidator : AbstractValidator<PartitionQueryParameters>
{
    private const double MaxMegabytes = 1_000_000;

    public PartitionQueryParametersValidator()
    {
        RuleFor(p => p.Model).CatalogName();
        RuleFor(p => p.Network).CatalogName().When(p => p.Network is not null);
        RuleFor(p => p.Top).InclusiveBetween(1, 1000).WithMessage("must be between 1 and 1000");
        RuleFor(p => p.InputMB).Must(Megabytes).WithMessage($"must be a finite number of megabytes between 0 and {MaxMegabytes}").OverridePropertyName("inputMB");
        RuleFor(p => p.DeviceUploadMB).Must(Megabytes).WithMessage($"must be a finite number of megabytes between 0 and {MaxMegabytes}").OverridePropertyName("deviceUploadMB");
        RuleFor(p => p.EdgeUploadMB).Must(Megabytes).WithMessage($"must be a finite number of megabytes between 0 and {MaxMegabytes}").OverridePropertyName("edgeUploadMB");
        RuleFor(p => p.Device).Custom(Criteria);
        RuleFor(p => p.Edge).Custom(Criteria);
        RuleFor(p => p.Cloud).Custom(Criteria);
        RuleFor(p => p.DeviceTime).Custom(TimeLimit);
        RuleFor(p => p.EdgeTime).Custom(TimeLimit);
        RuleFor(p => p.CloudTime).Custom(TimeLimit);
    }

    private static bool Megabytes(double? value) => value is null || (double.IsFinite(value.Value) && value.Value >= 0 && value.Value <= MaxMegabytes);

    private static void Criteria(string? text, ValidationContext<PartitionQueryParameters> context)
    {
        if (ScissionCriteria.Parse(text).Error is { } error)
        {
            context.AddFailure(context.PropertyPath, error);
        }
    }

    private static void TimeLimit(string? text, ValidationContext<PartitionQueryParameters> context)
    {
        if (!string.IsNullOrWhiteSpace(text) && ScissionCriteria.ParseTimeLimit(text).Error is { } error)
        {
            context.AddFailure(context.PropertyPath, error);
        }
    }
}
