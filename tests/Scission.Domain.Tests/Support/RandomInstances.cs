using Scission.Domain.Constraints;
using Scission.Domain.Model;

namespace Scission.Domain.Tests.Support;

/// <summary>Small random problems and queries of one <see cref="InstanceFamily"/>, with every kind of constraint.</summary>
internal sealed class RandomInstances(int seed, InstanceFamily family)
{
    private readonly Random _random = new(seed);

    public RandomInstances(int seed)
        : this(seed, InstanceFamily.General)
    {
    }

    public (PartitionProblem Problem, PartitionQuery Query) Next()
    {
        var stageCount = _random.Next(family.MinStages, family.MaxStages + 1);
        var blockCount = _random.Next(family.MinBlocks, (stageCount >= 4 ? Math.Min(family.MaxBlocks, 5) : family.MaxBlocks) + 1);
        var maxPerStage = stageCount >= 4 ? Math.Min(family.MaxPerStage, 3) : family.MaxPerStage;
        var layout = RandomLayout(blockCount);

        var pools = new List<List<string>>();
        var names = new List<string>();
        for (var s = 0; s < stageCount; s++)
        {
            var pool = new List<string>();
            var size = _random.Next(1, maxPerStage + 1);
            // Sometimes a stage shares machines with an earlier one (two edge stages, or the device's own pool).
            var earliest = family.ShareWithDevice ? 0 : 1;
            if (s > earliest && Maybe(0.35))
            {
                pool.AddRange(pools[_random.Next(earliest, s)].Take(size));
            }

            while (pool.Count < size)
            {
                var name = $"r{names.Count}";
                names.Add(name);
                pool.Add(name);
            }

            pools.Add(pool);
        }

        var measurements = new Dictionary<string, BlockMeasurement[]>();
        foreach (var name in names)
        {
            // A twin has exactly the figures of a machine made before it.
            measurements[name] = family.Twins && measurements.Count > 0 && Maybe(0.4)
                ? measurements.Values.ElementAt(_random.Next(measurements.Count))
                : [.. Enumerable.Range(0, blockCount).Select(_ => new BlockMeasurement(Seconds(), family.FreeTransfers ? 0 : Bytes()))];
        }

        // Power figures only when the family asks, so other families draw the same numbers as before.
        var power = names.ToDictionary(name => name, name => family.Power && Maybe(0.85) ? Power() : null);
        var profiles = names.Select(name => new ResourceProfile(new Resource(name, Tier.Edge) { Power = power[name] }, measurements[name]));
        var links = new List<NetworkLink>();
        foreach (var source in names)
        {
            foreach (var destination in names.Where(d => d != source && (family.FreeTransfers || Maybe(0.85))))
            {
                links.Add(family.FreeTransfers
                    ? new NetworkLink(source, destination, 0, 1)
                    : new NetworkLink(source, destination, Quantised() ? _random.Next(0, 4) * 125 : _random.NextDouble() * 300, Quantised() ? 8 : 0.5 + (_random.NextDouble() * 100)));
            }
        }

        var problem = new PartitionProblem(layout, profiles, links);
        var stages = pools.Select((pool, s) => new PipelineStage(s == 0 ? Tier.Device : (Tier)_random.Next(1, 3), pool)
        {
            Constraints = family.Constraints switch
            {
                ConstraintStyle.None => StageConstraints.None,
                ConstraintStyle.Boundaries => BoundaryConstraints(problem, pool),
                ConstraintStyle.Pipeline => PipelineConstraints(s, stageCount, layout),
                _ => RandomConstraints(pool, layout),
            },
        }).ToList();
        var input = family.FreeTransfers ? 0 : Bytes();
        var top = _random.Next(family.MinTop, family.MaxTop + 1);
        return (problem, new PartitionQuery(stages) { InputBytes = input, Top = top });
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
        if (Maybe(0.35))
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

    // Limits that land exactly on a plan's figures: percentages whose boundary plans exist on multiples of 1/8,
    // and seconds equal to a run's own sum on one of the stage's machines.
    private StageConstraints BoundaryConstraints(PartitionProblem problem, List<string> pool)
    {
        int[] percents = [29, 35, 41, 57, 58, 69, 70, 82];
        return _random.Next(0, 3) switch
        {
            0 => new StageConstraints { TimeLimit = TimeLimit.Percent(percents[_random.Next(percents.Length)]) },
            1 => new StageConstraints { TimeLimit = TimeLimit.Seconds(RunSum(problem, pool[_random.Next(pool.Count)])) },
            _ => StageConstraints.None,
        };
    }

    private double RunSum(PartitionProblem problem, string resource)
    {
        var blocks = problem.Profiles[resource].Blocks;
        var first = _random.Next(blocks.Count);
        var last = _random.Next(first, blocks.Count);
        var sum = 0.0;
        for (var b = first; b <= last; b++)
        {
            sum += blocks[b].LatencySeconds;
        }

        return sum;
    }

    // Deep pipelines: a last stage that must be used, a middle stage that must stay idle, layers demanded of a
    // stage that is then skipped, and an upload cap below the input.
    private StageConstraints PipelineConstraints(int stage, int stageCount, BlockLayout layout) => stage switch
    {
        0 => new StageConstraints { MaxUploadBytes = Maybe(0.3) ? 0 : null },
        _ when stage == stageCount - 1 => new StageConstraints { MustBeUsed = Maybe(0.6) },
        1 => new StageConstraints { MustBeUnused = Maybe(0.5), RequiredLayers = Maybe(0.3) ? [_random.Next(0, layout.Blocks[^1].LastLayer + 1)] : [] },
        _ => new StageConstraints { TimeLimit = Maybe(0.3) ? TimeLimit.Percent(_random.Next(1, 100)) : null },
    };

    private bool Maybe(double probability) => _random.NextDouble() < probability;

    private PowerFigures Power() => new(
        Maybe(0.9) ? _random.Next(0, 16) * 0.5 : null,
        Maybe(0.9) ? _random.NextDouble() * 5 : null,
        Maybe(0.9) ? _random.Next(0, 4) * 0.25 : null);

    private bool Quantised() => _random.NextDouble() < 0.5;

    private double Seconds() => family.Latencies switch
    {
        // Multiples of 1/8 add exactly, so many plans tie exactly and exercise the tie-break.
        LatencyStyle.Eighths => _random.Next(0, 17) / 8.0,
        // One or two decimals do not add exactly: plans tie in exact arithmetic but differ by an ulp in doubles.
        LatencyStyle.OneDecimal => _random.Next(0, 10) / 10.0,
        LatencyStyle.TwoDecimals => _random.Next(0, 100) / 100.0,
        // Huge values early make prefix differences inexact, so a limit equal to a run's sum sits on a rounding edge.
        LatencyStyle.ZerosAndHuge => _random.Next(0, 6) switch { 0 => 0, 1 => 1e9, _ => _random.Next(1, 100) / 100.0 },
        _ => Quantised() ? _random.Next(0, 17) / 8.0 : _random.NextDouble() * 2,
    };

    private long Bytes() => Quantised() ? _random.Next(0, 5) * 250_000L : _random.Next(0, 5_000_000);
}

internal enum LatencyStyle
{
    Mixed,
    Eighths,
    OneDecimal,
    TwoDecimals,
    ZerosAndHuge,
}

internal enum ConstraintStyle
{
    Random,
    None,
    Boundaries,
    Pipeline,
}

/// <summary>The shape of a family of random instances.</summary>
internal sealed record InstanceFamily
{
    /// <summary>Every kind of constraint, on 1-7 blocks and 1-5 stages.</summary>
    public static InstanceFamily General { get; } = new();

    public int MinBlocks { get; init; } = 1;
    public int MaxBlocks { get; init; } = 7;
    public int MinStages { get; init; } = 1;
    public int MaxStages { get; init; } = 5;
    public int MaxPerStage { get; init; } = 4;
    public int MinTop { get; init; } = 1;
    public int MaxTop { get; init; } = 8;
    public LatencyStyle Latencies { get; init; } = LatencyStyle.Mixed;
    public ConstraintStyle Constraints { get; init; } = ConstraintStyle.Random;

    /// <summary>Links cost nothing and nothing is sent: only compute decides, so rounding decides near-ties.</summary>
    public bool FreeTransfers { get; init; }

    /// <summary>Some machines have exactly the figures of another.</summary>
    public bool Twins { get; init; }

    /// <summary>Later stages may draw on the device stage's pool.</summary>
    public bool ShareWithDevice { get; init; }

    /// <summary>Give most machines power figures (some figures missing), for device energy.</summary>
    public bool Power { get; init; }
}
