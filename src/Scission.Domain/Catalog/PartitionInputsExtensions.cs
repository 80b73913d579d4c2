using Scission.Domain.Model;

namespace Scission.Domain.Catalog;

/// <summary>Turns stored records into the search's problem.</summary>
public static class PartitionInputsExtensions
{
    /// <summary>The problem over every benchmarked, registered resource; <c>null</c> when the model has no benchmark yet.</summary>
    public static PartitionProblem? ToProblem(this PartitionInputs inputs)
    {
        if (inputs.Model.Layout is not { } layout || inputs.Benchmarks.Count == 0)
        {
            return null;
        }

        var resources = inputs.Resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var profiles = inputs.Benchmarks
            .Where(b => resources.ContainsKey(b.Resource))
            .Select(b => new ResourceProfile(
                new Resource(b.Resource, resources[b.Resource].Tier) { Power = resources[b.Resource].Power },
                [.. b.Blocks.Select(block => new BlockMeasurement(block.LatencySeconds, block.OutputBytes))]));
        return new PartitionProblem(layout, profiles, inputs.Links);
    }

    /// <summary>The registered resources that have a benchmark of the model.</summary>
    public static IReadOnlyList<Resource> BenchmarkedResources(this PartitionInputs inputs)
    {
        var benchmarked = inputs.Benchmarks.Select(b => b.Resource).ToHashSet(StringComparer.Ordinal);
        return [.. inputs.Resources.Where(r => benchmarked.Contains(r.Name)).Select(r => new Resource(r.Name, r.Tier) { Power = r.Power })];
    }
}
