namespace Scission.Domain.Search;

/// <summary>
/// Bounds that take percentage limits into the search instead of testing them on finished plans only.
/// A limit of P % on stage s holds when W = 100·C_s − P·C_total ≤ 0 (C: compute seconds), and W is a sum over
/// blocks of latency × (100 − P on s, −P elsewhere). So the cost-to-go machinery gives, exactly for the
/// relaxation, (1) the smallest W any completion can reach — a partial plan that cannot get W down to 0 is
/// dropped, and a limit no plan can meet is known at the root — and (2) a Lagrangian bound: for λ ≥ 0 every
/// plan that keeps the limits has latency ≥ latency + λ·W, whose best completion is again a cost-to-go with
/// per-stage multipliers 1 + λ·(weight). λ is chosen at the root to make that bound as high as possible.
/// Every test leaves a rounding margin, so no plan the exact test admits is ever dropped.
/// </summary>
internal sealed class PercentBounds
{
    private const int GoldenSteps = 24;

    private PercentBounds(int[] stages, double[] percents, CostToGo[] shares, double shareMargin)
    {
        Stages = stages;
        Percents = percents;
        Shares = shares;
        ShareMargin = shareMargin;
    }

    /// <summary>The limited stages, and their limits in percent.</summary>
    public int[] Stages { get; }

    public double[] Percents { get; }

    /// <summary>Per limited stage, the smallest W a completion can add.</summary>
    public CostToGo[] Shares { get; }

    /// <summary>How far above 0 a computed W may lie for a plan that the exact test still admits.</summary>
    public double ShareMargin { get; }

    /// <summary>The Lagrangian cost-to-go, or <c>null</c> when it would not raise the plain bound.</summary>
    public CostToGo? Lagrangian { get; private set; }

    /// <summary>Per stage, the factor a block's latency is weighted with in <see cref="Lagrangian"/>.</summary>
    public double[] Multipliers { get; private set; } = [];

    /// <summary>Subtracted from a Lagrangian estimate so that it stays below every admitted plan despite rounding.</summary>
    public double LagrangianSlack { get; private set; }

    /// <summary>Whether no plan can meet the limits, as the share bounds already show at the root.</summary>
    public bool Unmeetable { get; private set; }

    public long Bytes => Shares.Sum(s => s.Bytes) + (Lagrangian?.Bytes ?? 0);

    public static PercentBounds? Create(CompiledInstance instance, double magnitude, int windowedStages, SearchDeadline deadline)
    {
        if (!instance.AnyPercentLimit)
        {
            return null;
        }

        var stages = Enumerable.Range(0, instance.StageCount).Where(s => instance.PercentLimit[s] is not null).ToArray();
        var percents = stages.Select(s => instance.PercentLimit[s]!.Value.Value).ToArray();
        var shares = stages.Select((stage, l) => new CostToGo(instance, Weights(instance.StageCount, stage, percents[l]), withTransfers: false)).ToArray();
        var terms = instance.BlockCount + (2 * instance.StageCount) + 8;
        var margin = 16 * RoundingBounds.Gamma(terms) * 100 * magnitude * (windowedStages + 2);
        var bounds = new PercentBounds(stages, percents, shares, margin);
        bounds.Unmeetable = shares.Any(share => !(share.Root() <= margin));
        // Out of time, the plain bound still serves: the multipliers only sharpen it.
        if (!bounds.Unmeetable && !deadline.HasPassed)
        {
            bounds.ChooseMultipliers(instance, magnitude * (windowedStages + 2) * 16 * RoundingBounds.Gamma(terms));
        }

        return bounds;
    }

    /// <summary>The share W of a partial plan for limited stage number <paramref name="limit"/>.</summary>
    public double Share(int limit, double stageCompute, double totalCompute) => (100 * stageCompute) - (Percents[limit] * totalCompute);

    private static double[] Weights(int stageCount, int limitedStage, double percent)
    {
        var weights = new double[stageCount];
        for (var s = 0; s < stageCount; s++)
        {
            weights[s] = s == limitedStage ? 100 - percent : -percent;
        }

        return weights;
    }

    /// <summary>Coordinate ascent on the concave dual: per limit, bracket by doubling, then golden-section search.</summary>
    private void ChooseMultipliers(CompiledInstance instance, double slackPerUnit)
    {
        var lambdas = new double[Stages.Length];
        var baseline = Evaluate(instance, lambdas).Root();
        var best = baseline;
        for (var sweep = 0; sweep < Math.Min(2, Stages.Length); sweep++)
        {
            for (var l = 0; l < Stages.Length; l++)
            {
                best = Maximise(instance, lambdas, l, best);
            }
        }

        if (!(best > baseline))
        {
            return;
        }

        Multipliers = Multiply(instance.StageCount, lambdas);
        Lagrangian = Evaluate(instance, lambdas);
        // Values in the weighted tables reach (1 + 100·Σλ) times the plain magnitude.
        LagrangianSlack = slackPerUnit * (1 + (100 * lambdas.Sum()));
    }

    private double Maximise(CompiledInstance instance, double[] lambdas, int l, double current)
    {
        double Dual(double lambda)
        {
            var saved = lambdas[l];
            lambdas[l] = lambda;
            var value = Evaluate(instance, lambdas).Root();
            lambdas[l] = saved;
            return double.IsNaN(value) ? double.NegativeInfinity : value;
        }

        // Weights are about 100 per second of compute, so λ lives around 1/100. The dual is concave in λ: if a small
        // step does not raise it, this λ is already best; else double until it stops rising, which brackets the top.
        var low = lambdas[l];
        var probe = Math.Max(low, 1e-5);
        var atProbe = Dual(low + probe);
        if (!(atProbe > current))
        {
            return current;
        }

        // Concave: once doubling stops rising, the top lies below the last point tried.
        while (probe < 1e6)
        {
            var further = Dual(low + (2 * probe));
            probe *= 2;
            if (!(further > atProbe))
            {
                break;
            }

            atProbe = further;
        }

        var high = low + probe;
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = low, b = high;
        var x1 = b - (ratio * (b - a));
        var x2 = a + (ratio * (b - a));
        double f1 = Dual(x1), f2 = Dual(x2);
        for (var k = 0; k < GoldenSteps; k++)
        {
            if (f1 < f2)
            {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + (ratio * (b - a));
                f2 = Dual(x2);
            }
            else
            {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - (ratio * (b - a));
                f1 = Dual(x1);
            }
        }

        var (lambda, value) = f1 >= f2 ? (x1, f1) : (x2, f2);
        if (value > current)
        {
            lambdas[l] = lambda;
            return value;
        }

        return current;
    }

    private CostToGo Evaluate(CompiledInstance instance, double[] lambdas) => new(instance, Multiply(instance.StageCount, lambdas));

    private double[] Multiply(int stageCount, double[] lambdas)
    {
        var multipliers = new double[stageCount];
        for (var s = 0; s < stageCount; s++)
        {
            multipliers[s] = 1;
            for (var l = 0; l < Stages.Length; l++)
            {
                multipliers[s] += lambdas[l] * (s == Stages[l] ? 100 - Percents[l] : -Percents[l]);
            }
        }

        return multipliers;
    }
}
