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
}

/// <summary>A registered machine.</summary>
public sealed record ResourceResponse(string Name, Tier Tier, string? Description)
{
    internal static ResourceResponse From(ResourceRecord record) => new(record.Name, record.Tier, record.Description);
}

internal sealed record PutResourceRequest([FromRoute] string Name, [FromBody] ResourceBody Body);

internal sealed class PutResourceRequestValidator : AbstractValidator<PutResourceRequest>
{
    public PutResourceRequestValidator()
    {
        RuleFor(r => r.Name).ResourceName();
        RuleFor(r => r.Body.Tier).NotNull().OverridePropertyName("tier").WithMessage("is required: device, edge or cloud");
        RuleFor(r => r.Body.Description).Description().OverridePropertyName("description");
    }
}
