namespace Scission.Domain.Search;

/// <summary>
/// How far below an estimate the computed latency of a completion may fall through rounding: at least
/// <c>estimate − |estimate|·Relative − Absolute</c>. Sums of non-negative terms stray relatively; the
/// double-double prefix differences behind seconds limits stray by about 2^-106 of the largest prefix, hence the
/// (tiny) absolute term. Where every figure lies on one binary grid and no sum can leave it, nothing rounds at all
/// (<see cref="RoundingBounds.SumsAreExact"/>): the slack is zero and the search may stop at its K-th plan.
/// </summary>
internal readonly record struct SearchSlack(double Relative, double Absolute, bool Exact)
{
    public static SearchSlack For(CompiledInstance instance, double magnitude)
    {
        if (RoundingBounds.SumsAreExact(instance, magnitude))
        {
            return new SearchSlack(0, 0, true);
        }

        var gamma = RoundingBounds.Gamma(instance.BlockCount + (2 * instance.StageCount) + 16);
        var windowed = instance.SecondsLimit.Count(double.IsFinite);
        var u = RoundingBounds.UnitRoundoff;
        return new SearchSlack(4 * gamma, 64 * u * u * magnitude * windowed, false);
    }
}
