namespace Scission.Domain.Constraints;

/// <summary>A cap on one stage's compute time: absolute seconds, or a percentage of the plan's total compute.</summary>
public readonly record struct TimeLimit
{
    private TimeLimit(double value, bool isPercent)
    {
        Value = value;
        IsPercent = isPercent;
    }

    /// <summary>Seconds, or percent when <see cref="IsPercent"/>.</summary>
    public double Value { get; }

    /// <summary>Whether <see cref="Value"/> is a percentage of the plan's total compute time.</summary>
    public bool IsPercent { get; }

    /// <summary>At most <paramref name="seconds"/> of compute on the stage.</summary>
    public static TimeLimit Seconds(double seconds) => new(seconds, false);

    /// <summary>At most <paramref name="percent"/> % of the plan's total compute (transfers excluded) on the stage.</summary>
    public static TimeLimit Percent(double percent) => new(percent, true);

    /// <summary>
    /// Whether a stage computing <paramref name="stageSeconds"/> in a plan computing <paramref name="totalComputeSeconds"/>
    /// keeps this limit, computed as the original tool does: <c>stage / total * 100 &lt;= P</c>, a plan that computes
    /// nothing keeping any percentage; seconds against the stage's own sum.
    /// </summary>
    public bool Allows(double stageSeconds, double totalComputeSeconds) =>
        IsPercent ? totalComputeSeconds == 0 || stageSeconds / totalComputeSeconds * 100 <= Value : stageSeconds <= Value;

    /// <inheritdoc />
    public override string ToString() => IsPercent
        ? Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "%"
        : Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
