namespace Scission.Domain.Search;

/// <summary>
/// How far the search's floating-point sums may stray from exact ones (Higham, "Accuracy and Stability of
/// Numerical Algorithms", §4.2: a sum of k terms in any order is within γ(k) · Σ|terms| of the exact sum). The
/// search uses these bounds so that rounding can only make it look further, never drop or swap a plan.
/// </summary>
internal static class RoundingBounds
{
    /// <summary>The unit roundoff of a double, 2^-53.</summary>
    public const double UnitRoundoff = 1.0 / (1L << 53);

    /// <summary>γ(k) = k·u / (1 − k·u).</summary>
    public static double Gamma(int terms) => terms * UnitRoundoff / (1 - (terms * UnitRoundoff));

    /// <summary>
    /// An upper bound on the absolute value of any plan's latency and of any partial sum the search forms:
    /// every block at its slowest candidate, plus the slowest possible hop into every stage.
    /// </summary>
    public static double Magnitude(CompiledInstance instance)
    {
        var compute = 0.0;
        var candidates = instance.Candidates.SelectMany(c => c).Distinct().ToArray();
        for (var b = 0; b < instance.BlockCount; b++)
        {
            var slowest = 0.0;
            foreach (var r in candidates)
            {
                slowest = Math.Max(slowest, instance.Latency[r][b]);
            }

            compute += slowest;
        }

        var hop = 0.0;
        foreach (var source in candidates)
        {
            var bytes = Math.Max(instance.InputBytes, instance.Output[source].DefaultIfEmpty().Max());
            foreach (var destination in candidates)
            {
                if (source != destination && instance.HasLink(source, destination))
                {
                    hop = Math.Max(hop, instance.HopSeconds(source, destination, bytes));
                }
            }
        }

        // A little headroom for the rounding of these sums themselves.
        return (compute + (instance.StageCount * hop)) * (1 + Gamma(instance.BlockCount + instance.StageCount + 2));
    }
}
