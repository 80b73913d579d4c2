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
    /// Whether every figure a plan's latency adds (block times, hop times) is a multiple of one power of two and
    /// every possible sum stays below 2^53 of those units: then no addition rounds, estimates are exact lower
    /// bounds, and ties can be settled by the path order alone. Stops at the first figure off the grid, so real
    /// measurements (0.0123 s) cost one look.
    /// </summary>
    public static bool SumsAreExact(CompiledInstance instance, double magnitude)
    {
        if (!double.IsFinite(magnitude) || instance.AnyPercentLimit)
        {
            return false;
        }

        var candidates = instance.Candidates.SelectMany(c => c).Distinct().ToArray();
        var finest = int.MaxValue;
        foreach (var r in candidates)
        {
            foreach (var latency in instance.Latency[r])
            {
                if (!OnGrid(latency, ref finest))
                {
                    return false;
                }
            }
        }

        foreach (var source in candidates)
        {
            foreach (var destination in candidates)
            {
                if (source == destination || !instance.HasLink(source, destination))
                {
                    continue;
                }

                for (var blocksDone = 0; blocksDone <= instance.BlockCount; blocksDone++)
                {
                    if (!OnGrid(instance.HopSeconds(source, destination, instance.BytesAfter(source, blocksDone)), ref finest))
                    {
                        return false;
                    }
                }
            }
        }

        return finest == int.MaxValue || magnitude < Math.ScaleB(1, finest + 52);
    }

    /// <summary>Whether <paramref name="value"/> is a finite non-negative double; lowers <paramref name="finest"/> to the exponent of its last set bit.</summary>
    private static bool OnGrid(double value, ref int finest)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            return false;
        }

        if (value == 0)
        {
            return true;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0)
        {
            // Subnormal: no implicit bit.
            finest = Math.Min(finest, -1074 + System.Numerics.BitOperations.TrailingZeroCount(mantissa));
            return true;
        }

        mantissa |= 1L << 52;
        finest = Math.Min(finest, exponent - 1075 + System.Numerics.BitOperations.TrailingZeroCount(mantissa));
        return true;
    }

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
