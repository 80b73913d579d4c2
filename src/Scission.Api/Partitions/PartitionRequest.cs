using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Api.Partitions;

/// <summary>
/// A partition question in canonical form, whichever route asked it: the same question written differently
/// (name case, parameter order, defaults spelled out) gives an equal request and so the same cache key.
/// </summary>
internal sealed record PartitionRequest(string Model, string Network, long InputBytes, int Top, IReadOnlyList<StageRequest> Stages)
{
    public const string DefaultNetwork = "default";

    /// <summary>Objective, front, sensitivity and what-if links.</summary>
    public PlanOptions Options { get; init; } = PlanOptions.Default;

    public static PartitionRequest Create(string model, string? network, long? inputBytes, int? top, IEnumerable<StageRequest> stages) => new(
        model.ToLowerInvariant(),
        network ?? DefaultNetwork,
        inputBytes ?? PartitionQuery.DefaultInputBytes,
        top ?? PartitionQuery.DefaultTop,
        [.. stages]);

    /// <summary>A stable text form for cache keys.</summary>
    public string CanonicalText() => string.Join(
        '|',
        Stages.Select(s => s.CanonicalText()).Prepend($"{Model}|{Network}|{InputBytes}|{Top}|{Options.CanonicalText()}"));
}

/// <summary>One stage: its tier, the resources named for it (<c>null</c>: every benchmarked one of the tier), its demands.</summary>
internal sealed record StageRequest(Tier Tier, IReadOnlyList<string>? Resources, StageConstraints Constraints)
{
    public string CanonicalText()
    {
        var c = Constraints;
        return string.Join(
            ';',
            Tier,
            // As given, not sorted: a refusal names positions in this list (stages[0].resources[1]), so a reordered
            // list is another question whose cached refusal must name its own positions.
            Resources is null ? "*" : List(Resources),
            List(c.RequiredLayers.Distinct().Order()),
            List(c.ForbiddenLayers.Distinct().Order()),
            c.MustBeUsed,
            c.MustBeUnused,
            c.OnlyResources is null ? "*" : List(c.OnlyResources.Distinct().Order(StringComparer.Ordinal)),
            List(c.ExcludedResources.Distinct().Order(StringComparer.Ordinal)),
            c.MaxUploadBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            c.TimeLimit?.ToString() ?? "-");
    }

    private static string List<T>(IEnumerable<T> items) => "[" + string.Join(',', items) + "]";
}
