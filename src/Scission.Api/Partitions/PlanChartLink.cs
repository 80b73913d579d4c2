using System.Text.Json;
using System.Text.Json.Serialization;
using Scission.Domain.Constraints;
using Scission.Domain.Model;
using Scission.Domain.Search;

namespace Scission.Api.Partitions;

/// <summary>
/// The address of a plan's chart: the question as the search body it is equivalent to, in the <c>search</c>
/// parameter, and the plan's rank. Built from the canonical request, so every spelling of a question links the
/// same chart, and a cached answer's links stay right.
/// </summary>
internal static class PlanChartLink
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>
    /// Longest link given. A question with many overrides or constraints makes a longer one, which servers and
    /// proxies refuse (this one answers 414 beyond 8 KiB) and which every result would repeat: none is given then.
    /// </summary>
    public const int MaxLength = 2000;

    /// <summary>The link to the chart of each rank, or null when it would be too long: <paramref name="request"/> is encoded once for all of them.</summary>
    public static Func<int, string?> For(PartitionRequest request)
    {
        // Defaults are left out, so the plain question links as plan.svg?rank=N: answers are sent often, and the
        // links are in every one.
        var options = request.Options;
        var body = new SearchBody
        {
            Network = request.Network == PartitionRequest.DefaultNetwork ? null : request.Network,
            InputBytes = request.InputBytes == PartitionQuery.DefaultInputBytes ? null : request.InputBytes,
            Stages = IsDefaultPipeline(request.Stages) ? null : [.. request.Stages.Select(Stage)],
            Objective = options.Pareto is null && options.Objective != Objective.Latency ? options.Objective : null,
            Pareto = options.Pareto?.ToArray(),
            LinkOverrides = options.Overrides.Count > 0 ? [.. options.Overrides] : null,
            LinkScale = options.LatencyScale != 1 || options.BandwidthScale != 1 ? new LinkScale { Latency = options.LatencyScale, Bandwidth = options.BandwidthScale } : null,
        };
        var search = JsonSerializer.Serialize(body, Json);
        var query = search == "{}" ? "" : $"&search={Uri.EscapeDataString(search)}";
        var prefix = $"/v1/models/{request.Model}/charts/plan.svg?rank=";
        if (prefix.Length + query.Length + 4 > MaxLength)
        {
            return _ => null;
        }

        return rank => string.Concat(prefix, rank.ToString(System.Globalization.CultureInfo.InvariantCulture), query);
    }

    /// <summary>Device, edge, cloud, each over every benchmarked machine of its tier, with no constraint: what a search body without stages asks.</summary>
    private static bool IsDefaultPipeline(IReadOnlyList<StageRequest> stages) =>
        stages.Count == 3 && stages[0].Tier == Tier.Device && stages[1].Tier == Tier.Edge && stages[2].Tier == Tier.Cloud
        && stages.All(s => s.Resources is null && Unconstrained(s.Constraints));

    private static bool Unconstrained(StageConstraints c) =>
        c is { RequiredLayers.Count: 0, ForbiddenLayers.Count: 0, MustBeUsed: false, MustBeUnused: false, OnlyResources: null, ExcludedResources.Count: 0, MaxUploadBytes: null, TimeLimit: null };

    private static StageBody Stage(StageRequest stage)
    {
        var c = stage.Constraints;
        return new StageBody
        {
            Tier = stage.Tier,
            Resources = stage.Resources?.ToArray(),
            Constraints = Unconstrained(stage.Constraints) ? null : new ConstraintsBody
            {
                RequiredLayers = c.RequiredLayers.Count > 0 ? [.. c.RequiredLayers] : null,
                ForbiddenLayers = c.ForbiddenLayers.Count > 0 ? [.. c.ForbiddenLayers] : null,
                MustBeUsed = c.MustBeUsed ? true : null,
                MustBeUnused = c.MustBeUnused ? true : null,
                OnlyResources = c.OnlyResources?.ToArray(),
                ExcludedResources = c.ExcludedResources.Count > 0 ? [.. c.ExcludedResources] : null,
                MaxUploadBytes = c.MaxUploadBytes,
                MaxComputeSeconds = c.TimeLimit is { IsPercent: false } seconds ? seconds.Value : null,
                MaxComputePercent = c.TimeLimit is { IsPercent: true } percent ? percent.Value : null,
            },
        };
    }
}
