using System.Text.Json;
using System.Text.Json.Serialization;
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

    public static string For(PartitionRequest request, int rank)
    {
        var options = request.Options;
        var body = new SearchBody
        {
            Network = request.Network,
            InputBytes = request.InputBytes,
            Stages = [.. request.Stages.Select(Stage)],
            Objective = options.Pareto is null && options.Objective != Objective.Latency ? options.Objective : null,
            Pareto = options.Pareto?.ToArray(),
            LinkOverrides = options.Overrides.Count > 0 ? [.. options.Overrides] : null,
            LinkScale = options.LatencyScale != 1 || options.BandwidthScale != 1 ? new LinkScale { Latency = options.LatencyScale, Bandwidth = options.BandwidthScale } : null,
        };
        return $"/v1/models/{request.Model}/charts/plan.svg?rank={rank}&search={Uri.EscapeDataString(JsonSerializer.Serialize(body, Json))}";
    }

    private static StageBody Stage(StageRequest stage)
    {
        var c = stage.Constraints;
        return new StageBody
        {
            Tier = stage.Tier,
            Resources = stage.Resources?.ToArray(),
            Constraints = new ConstraintsBody
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
