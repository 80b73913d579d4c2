namespace Scission.Domain.Search;

/// <summary>
/// How far below an estimate the computed latency of a completion may fall through rounding: at least
/// <c>estimate − |estimate|·Relative − Absolute</c>. Sums of non-negative terms stray relatively; the
/// prefix differences behind seconds limits stray by a part of the largest prefix, hence the absolute term.
/// </summary>
internal readonly record struct SearchSlack(double Relative, double Absolute)
{
    public static SearchSlack For(CompiledInstance instance, double magnitude)
    {
        var gamma = RoundingBounds.Gamma(instance.BlockCount + (2 * instance.StageCount) + 8);
        var windowed = instance.SecondsLimit.Count(double.IsFinite);
        return new SearchSlack(4 * gamma, 16 * gamma * magnitude * windowed);
    }
}
