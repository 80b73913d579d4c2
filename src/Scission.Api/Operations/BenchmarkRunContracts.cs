using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;

namespace Scission.Api.Operations;

/// <summary>Benchmark the model on the service's own machine, registered as <see cref="Resource"/>.</summary>
public sealed record BenchmarkRunBody
{
    /// <summary>The resource name this machine is registered under.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string? Resource { get; init; }

    /// <summary>Timed runs per block (default 10).</summary>
    public int? Repeats { get; init; }

    /// <summary>Untimed runs first (default 2).</summary>
    public int? Warmup { get; init; }
}

/// <summary>
/// A long-running operation and where it stands: status queued, running (progress such as "block 3 of 12"),
/// succeeded (resultHref: the stored benchmark) or failed (error: why).
/// </summary>
public sealed record OperationResponse(string Id, string Kind, string Model, string Resource, string Status, string? Progress, string? ResultHref, string? Error, string RunsOn, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal static OperationResponse From(OperationRecord o) =>
        new(o.Id, o.Kind, o.Model, o.Resource, o.Status, o.Progress, o.ResultHref, o.Error, o.Owner, o.CreatedAt, o.UpdatedAt);
}

internal sealed record BenchmarkRunRequest([FromRoute] string Model, [FromBody] BenchmarkRunBody Body);

internal sealed class BenchmarkRunRequestValidator : AbstractValidator<BenchmarkRunRequest>
{
    public BenchmarkRunRequestValidator()
    {
        RuleFor(r => r.Model).CatalogName();
        RuleFor(r => r.Body.Resource).NotEmpty().WithMessage("is required: the name this machine is registered under").ResourceName().OverridePropertyName("resource");
        RuleFor(r => r.Body.Repeats).InclusiveBetween(1, 1000).WithMessage("must be between 1 and 1000").OverridePropertyName("repeats");
        RuleFor(r => r.Body.Warmup).InclusiveBetween(0, 100).WithMessage("must be between 0 and 100").OverridePropertyName("warmup");
    }
}
