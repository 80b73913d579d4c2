using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;
using Scission.Onnx;

namespace Scission.Api.Operations;

/// <summary>Benchmark the model on the service's own machine, registered as <c>resource</c>; the run is queued and followed as an operation.</summary>
public sealed record BenchmarkRunBody
{
    /// <summary>The resource name this machine is registered under.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string? Resource { get; init; }

    /// <summary>Timed runs per block (default 10).</summary>
    public int? Repeats { get; init; }

    /// <summary>Untimed runs first (default 2).</summary>
    public int? Warmup { get; init; }

    /// <summary>
    /// About how many ONNX Runtime sessions measure the blocks: beyond it, small adjacent blocks are measured
    /// together and each takes its share by a per-node profile (statistics say which, in groupBlocks and groupShare).
    /// 0 or absent measures every block in a session of its own, the most faithful and the slowest for models of
    /// hundreds of blocks.
    /// </summary>
    public int? Sessions { get; init; }
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
        RuleFor(r => r.Body.Sessions).InclusiveBetween(0, ProfileSettings.MaxTargetSessions).WithMessage($"must be between 0 and {ProfileSettings.MaxTargetSessions}").OverridePropertyName("sessions");
    }
}
