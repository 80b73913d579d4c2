using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Domain.Tests.Support;

/// <summary>Small random problems and queries with every kind of constraint, tuned to produce exact ties too.</summary>
internal sealed class RandomInstances(int seed)
{
    private readonly Random _random = new(seed);

    public (PartitionProblem Problem, PartitionQuery Query) Next()
    {
        var stageCount = _random.Next(1, 6);
        var blockCount = stageCount >= 4 ? _random.Next(1, 6) : _random.Next(1, 8);
        var maxPerStage = stageCount >= 4 ? 3 : 4;
        var layout = RandomLayout(blockCount);

        var pools = new List<List<string>>();
        var names = new List<string>();
        for (var s = 0; s < stageCount; s++)
        {
            var pool = new List<string>();
            var size = _random.Next(1, maxPerStage + 1);
            // Sometimes a stage shares machines with the previous one (two edge stages, say).
            if (s > 1 && _random.NextDouble() < 0.35)
            {
                pool.AddRange(pools[s - 1].Take(size));
            }

            while (pool.Count < size)
            {
                var name = $"r{names.Count}";
                names.Add(name);
                pool.Add(name);
            }

            pools.Add(pool);
        }

        var profiles = names.Select(name => new ResourceProfile(new Resource(name, Tier.Edge), [.. Enumerable.Range(0, blockCount).Select(_ => new BlockMeasurement(Seconds(), Bytes()))]));
        var links = new List<NetworkLink>();
        foreach (var source in names)
        {
            foreach (var destination in names.Where(d => d != source && _random.NextDouble() < 0.85))
            {
                links.Add(new NetworkLink(source, destination, Quantised() ? _random.Next(0, 4) * 125 : _random.NextDouble() * 300, Quantised() ? 8 : 0.5 + (_random.NextDouble() * 100)));
            }
        }

        var stages = pools.Select((pool, s) => new PipelineStage(s == 0 ? Tier.Device : (Tier)_random.Next(1, 3), pool)
        {
            Constraints = RandomConstraints(pool, layout),
        }).ToList();
        var query = new PartitionQuery(stages) { InputBytes = Bytes(), Top = _random.Next(1, 9) };
        return (new PartitionProblem(layout, profiles, links), query);
    }

    private BlockLayout RandomLayout(int blockCount)
    {
        var blocks = new List<LayerRange>();
        var next = 0;
        for (var b = 0; b < blockCount; b++)
        {
            var size = _random.Next(1, 4);
            blocks.Add(new LayerRange(next, next + size - 1));
            next += size;
        }

        return BlockLayout.Create(blocks);
    }

    private StageConstraints RandomConstraints(List<string> pool, BlockLayout layout)
    {
        if (_random.NextDouble() < 0.35)
        {
            return StageConstraints.None;
        }

        var lastLayer = layout.Blocks[^1].LastLayer;
        return new StageConstraints
        {
            RequiredLayers = Maybe(0.15) ? [_random.Next(0, lastLayer + 2)] : [],
            ForbiddenLayers = Maybe(0.2) ? [_random.Next(0, lastLayer + 1)] : [],
            MustBeUsed = Maybe(0.1),
            MustBeUnused = Maybe(0.07),
            OnlyResources = Maybe(0.15) ? [.. pool.Where(_ => Maybe(0.6))] : null,
            ExcludedResources = Maybe(0.15) ? [pool[_random.Next(pool.Count)]] : [],
            MaxUploadBytes = Maybe(0.2) ? Bytes() : null,
            TimeLimit = _random.Next(0, 6) switch
            {
                0 => TimeLimit.Seconds(_random.Next(0, 12) * 0.25),
                1 => TimeLimit.Percent(_random.Next(0, 101)),
                2 => TimeLimit.Percent(_random.NextDouble() * 100),
                _ => null,
            },
        };
    }

    private bool Maybe(double probability) => _random.NextDouble() < probability;

    private bool Quantised() => _random.NextDouble() < 0.5;

    // Multiples of 1/8 add exactly, so many plans tie exactly and exercise the tie-break.
    private double Seconds() => Quantised() ? _random.Next(0, 17) / 8.0 : _random.NextDouble() * 2;

    private long Bytes() => Quantised() ? _random.Next(0, 5) * 250_000L : _random.Next(0, 5_000_000);
}
