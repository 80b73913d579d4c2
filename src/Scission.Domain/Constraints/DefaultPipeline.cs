using Scission.Domain.Model;

namespace Scission.Domain.Constraints;

/// <summary>The original tool's pipeline: device, then edge, then cloud, each over every resource of its tier.</summary>
public static class DefaultPipeline
{
    /// <summary>Builds the three stages from <paramref name="resources"/>, with the given demands per tier.</summary>
    public static IReadOnlyList<PipelineStage> Build(
        IEnumerable<Resource> resources,
        StageConstraints device,
        StageConstraints edge,
        StageConstraints cloud)
    {
        var all = resources.ToList();
        return
        [
            Stage(all, Tier.Device, device),
            Stage(all, Tier.Edge, edge),
            Stage(all, Tier.Cloud, cloud),
        ];
    }

    private static PipelineStage Stage(List<Resource> resources, Tier tier, StageConstraints constraints) =>
        new(tier, [.. resources.Where(r => r.Tier == tier).Select(r => r.Name)]) { Constraints = constraints };
}
