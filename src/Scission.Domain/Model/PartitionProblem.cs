namespace Scission.Domain.Model;

/// <summary>
/// Everything the partition search measures against: a model's block layout, its benchmark on each
/// candidate resource and the network links between resources.
/// </summary>
public sealed class PartitionProblem
{
    private readonly Dictionary<string, ResourceProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Source, string Destination), NetworkLink> _links = [];

    /// <summary>Checks and indexes the inputs; throws <see cref="ArgumentException"/> on values no caller should pass.</summary>
    public PartitionProblem(BlockLayout layout, IEnumerable<ResourceProfile> profiles, IEnumerable<NetworkLink> links)
    {
        Layout = layout;
        foreach (var profile in profiles)
        {
            if (profile.Blocks.Count != layout.Count)
            {
                throw new ArgumentException($"resource '{profile.Resource.Name}' has {profile.Blocks.Count} blocks, the layout has {layout.Count}", nameof(profiles));
            }

            foreach (var block in profile.Blocks)
            {
                if (!(block.LatencySeconds is >= 0 and <= BlockMeasurement.MaxLatencySeconds) || block.OutputBytes < 0)
                {
                    throw new ArgumentException($"resource '{profile.Resource.Name}' has a measurement outside 0-{BlockMeasurement.MaxLatencySeconds} s or negative bytes", nameof(profiles));
                }
            }

            if (!_profiles.TryAdd(profile.Resource.Name, profile))
            {
                throw new ArgumentException($"resource '{profile.Resource.Name}' is profiled twice", nameof(profiles));
            }
        }

        foreach (var link in links)
        {
            if (!(link.LatencyMs is >= 0 and <= NetworkLink.MaxLatencyMs) || !NetworkLink.IsBandwidth(link.BandwidthMbps))
            {
                throw new ArgumentException($"link {link.Source} -> {link.Destination} needs a latency of 0-{NetworkLink.MaxLatencyMs} ms and a bandwidth from 1 byte/s to {NetworkLink.MaxBandwidthMbps} Mbps", nameof(links));
            }

            _links[(link.Source, link.Destination)] = link;
        }
    }

    /// <summary>The model's blocks.</summary>
    public BlockLayout Layout { get; }

    /// <summary>Benchmarks by resource name (ordinal).</summary>
    public IReadOnlyDictionary<string, ResourceProfile> Profiles => _profiles;

    /// <summary>Every directed link.</summary>
    public IEnumerable<NetworkLink> Links => _links.Values;

    /// <summary>
    /// The same problem with <paramref name="changes"/> in place of the links between the same resources (added where
    /// there were none): for what-if questions, which leave the stored links alone.
    /// </summary>
    public PartitionProblem WithLinks(IEnumerable<NetworkLink> changes)
    {
        var links = new Dictionary<(string, string), NetworkLink>(_links);
        foreach (var link in changes)
        {
            links[(link.Source, link.Destination)] = link;
        }

        return new PartitionProblem(Layout, _profiles.Values, links.Values);
    }

    /// <summary>Finds the directed link from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public bool TryGetLink(string source, string destination, out NetworkLink link) =>
        _links.TryGetValue((source, destination), out link);
}
