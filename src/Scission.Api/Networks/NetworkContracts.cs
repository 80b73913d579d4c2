using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Api.Networks;

/// <summary>Stored links as the service answers them.</summary>
internal static class LinkResponses
{
    public static LinkResponse From(NetworkLink link, LinkMeasurement? measurement = null) => new(link.Source, link.Destination, link.LatencyMs, link.BandwidthMbps, measurement);
}

/// <summary>A network and how many links it holds.</summary>
public sealed record NetworkResponse(string Name, int LinkCount);

/// <summary>The links of one network.</summary>
public sealed record NetworkLinksResponse(string Network, LinkResponse[] Links);

/// <summary>What a CSV import stored.</summary>
public sealed record LinkImportResponse(string Network, int Imported, int Created, int Replaced, LinkResponse[] Links);

internal sealed record PutLinkRequest([FromRoute] string Network, [FromRoute] string Source, [FromRoute] string Destination, [FromBody] LinkBody Body);

internal sealed class PutLinkRequestValidator : AbstractValidator<PutLinkRequest>
{
    public PutLinkRequestValidator()
    {
        RuleFor(r => r.Network).CatalogName();
        RuleFor(r => r.Source).ResourceName();
        RuleFor(r => r.Destination).ResourceName()
            .NotEqual(r => r.Source).WithMessage("must differ from source: a link joins two machines");
        RuleFor(r => r.Body.LatencyMs).LinkLatency().OverridePropertyName("latencyMs");
        RuleFor(r => r.Body.BandwidthMbps).LinkBandwidth().OverridePropertyName("bandwidthMbps");
        RuleFor(r => r.Body.Measurement!).SetValidator(new LinkMeasurementValidator()).When(r => r.Body.Measurement is not null).OverridePropertyName("measurement");
    }
}

internal sealed class LinkMeasurementValidator : AbstractValidator<LinkMeasurement>
{
    public LinkMeasurementValidator()
    {
        RuleFor(m => m.Method).Must(m => m is "http-upload" or "http-download").WithMessage("must be http-upload or http-download");
        RuleFor(m => m.RttMs).Must(NonNegative).WithMessage("must be a finite number of milliseconds, 0 or more");
        RuleFor(m => m.BandwidthMbps).Must(v => double.IsFinite(v) && v > 0).WithMessage("must be a finite number of megabits per second above 0");
        RuleFor(m => m.ZeroByteMedianMs).Must(v => v is null || NonNegative(v.Value)).WithMessage("must be a finite number of milliseconds, 0 or more");
        RuleFor(m => m.SpreadPercent).Must(v => v is null || NonNegative(v.Value)).WithMessage("must be a finite percentage, 0 or more");
        RuleFor(m => m.FitResidualMs).Must(v => v is null || NonNegative(v.Value)).WithMessage("must be a finite number of milliseconds, 0 or more");
        RuleFor(m => m.Sizes).GreaterThanOrEqualTo(1).WithMessage("must be at least 1");
        RuleFor(m => m.Samples).GreaterThanOrEqualTo(1).WithMessage("must be at least 1");
        RuleFor(m => m.MaxBytes).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more");
        RuleFor(m => m.ProbedFrom).MaximumLength(200);
        RuleFor(m => m.Target).MaximumLength(2000);
    }

    private static bool NonNegative(double value) => double.IsFinite(value) && value >= 0;
}

internal static class LinkRules
{
    public static IRuleBuilderOptions<T, double?> LinkLatency<T>(this IRuleBuilder<T, double?> rule) =>
        rule.NotNull().WithMessage("is required")
            .Must(v => v is null || v.Value is >= 0 and <= NetworkLink.MaxLatencyMs).WithMessage($"must be a number of milliseconds from 0 to {NetworkLink.MaxLatencyMs:G}");

    // At or below 4e-6 Mbps the original's rounding to whole bytes/s gives 0 and every transfer would take forever.
    public static IRuleBuilderOptions<T, double?> LinkBandwidth<T>(this IRuleBuilder<T, double?> rule) =>
        rule.NotNull().WithMessage("is required")
            .Must(v => v is null || NetworkLink.IsBandwidth(v.Value))
            .WithMessage($"must be a number of megabits per second from 0.000004 (1 byte/s once rounded) to {NetworkLink.MaxBandwidthMbps:G}");
}
