using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;

namespace Scission.Api.Models;

/// <summary>A model whose benchmarks clients supply.</summary>
public sealed record ModelBody
{
    /// <summary>Free text.</summary>
    public string? Description { get; init; }
}

/// <summary>The layers one block covers, both ends inclusive.</summary>
public sealed record LayoutBlock(int Block, int FirstLayer, int LastLayer);

/// <summary>A registered model.</summary>
public sealed record ModelResponse(string Name, string? Description, int? BlockCount, LayoutBlock[]? Layout, string[] BenchmarkedResources, DateTimeOffset UpdatedAt)
{
    internal static ModelResponse From(ModelRecord model, IEnumerable<BenchmarkRecord> benchmarks) => new(
        model.Name,
        model.Description,
        model.Layout?.Count,
        model.Layout?.Blocks.Select((b, i) => new LayoutBlock(i, b.FirstLayer, b.LastLayer)).ToArray(),
        [.. benchmarks.Select(b => b.Resource)],
        model.UpdatedAt);
}

internal sealed record PutModelRequest([FromRoute] string Model, [FromBody] ModelBody Body);

internal sealed class PutModelRequestValidator : AbstractValidator<PutModelRequest>
{
    public PutModelRequestValidator()
    {
        RuleFor(r => r.Model).CatalogName();
        RuleFor(r => r.Body.Description).Description().OverridePropertyName("description");
    }
}
