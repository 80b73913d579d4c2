using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Api.Resources;

/// <summary>A machine that can run blocks of a model.</summary>
public sealed record ResourceBody
{
    /// <summary>device, edge or cloud.</summary>
    [Required]
    public Tier? Tier { get; init; }

    /// <summary>Free text, e.g. the hardware.</summary>
    public string? Description { get; init; }

    /// <summary>Watts drawn while running blocks; with the other two, what device energy is computed from (a figure not given counts as 0 W).</summary>
    public double? ComputeWatts { get; init; }

    /// <summary>Watts drawn while sending to the next stage.</summary>
    public double? TransmitWatts { get; init; }

    /// <summary>Watts drawn while waiting for the rest of the plan.</summary>
    public double? IdleWatts { get; init; }

    internal PowerFigures? Power => new PowerFigures(ComputeWatts, TransmitWatts, IdleWatts) is { Any: true } power ? power : null;
}

/// <summary>A registered machine, with its power figures when given.</summary>
public sealed record ResourceResponse(string Name, Tier Tier, string? Description)
{
    /// <summary>Watts drawn while running blocks.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? ComputeWatts { get; init; }

    /// <summary>Watts drawn while sending to the next stage.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? TransmitWatts { get; init; }

    /// <summary>Watts drawn while waiting for the rest of the plan.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? IdleWatts { get; init; }

    internal static ResourceResponse From(ResourceRecord record) => new(record.Name, record.Tier, record.Description)
    {
        ComputeWatts = record.Power?.ComputeWatts,
        TransmitWatts = record.Power?.TransmitWatts,
        IdleWatts = record.Power?.IdleWatts,
    };
}

internal sealed record PutResourceRequest([FromRoute] string Name, [FromBody] ResourceBody Body);

internal sealed class PutResourceRequestValidator : AbstractValidator<PutResourceRequest>
{
    public PutResourceRequestValidator()
    {
        RuleFor(r => r.Name).ResourceName();
        RuleFor(r => r.Body.Tier).NotNull().OverridePropertyName("tier").WithMessage("is required: device, edge or cloud");
        RuleFor(r => r.Body.Description).Description().OverridePropertyName("description");
        RuleFor(r => r.Body.ComputeWatts).Must(Watts).WithMessage(WattsRule).OverridePropertyName("computeWatts");
        RuleFor(r => r.Body.TransmitWatts).Must(Watts).WithMessage(WattsRule).OverridePropertyName("transmitWatts");
        RuleFor(r => r.Body.IdleWatts).Must(Watts).WithMessage(WattsRule).OverridePropertyName("idleWatts");
    }

    private static readonly string WattsRule = $"must be a number of watts from 0 to {PowerFigures.MaxWatts:0}";

    private static bool Watts(double? watts) => watts is null || watts.Value is >= 0 and <= PowerFigures.MaxWatts;
}
