namespace Scission.Api.Charts;

/// <summary>Maps data to pixels along one axis, linear or logarithmic, with readable ticks.</summary>
internal sealed class ChartScale
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _from;
    private readonly double _to;

    public ChartScale(double min, double max, double from, double to, bool log = false)
    {
        Log = log;
        (_min, _max) = log ? (Math.Log10(min), Math.Log10(max)) : (min, max);
        if (!(_max > _min))
        {
            _max = _min + 1;
        }

        (_from, _to) = (from, to);
    }

    private static readonly int[] Steps = [1, 2, 5, 10];

    public bool Log { get; }

    public double Map(double value)
    {
        var v = Log ? Math.Log10(value) : value;
        return _from + ((v - _min) / (_max - _min) * (_to - _from));
    }

    /// <summary>Up to about <paramref name="count"/> ticks at 1, 2 or 5 times a power of ten (powers of ten on a log axis).</summary>
    public IReadOnlyList<double> Ticks(int count = 5)
    {
        if (Log)
        {
            return [.. Enumerable.Range((int)Math.Ceiling(_min), Math.Max(0, (int)Math.Floor(_max) - (int)Math.Ceiling(_min) + 1)).Select(e => Math.Pow(10, e))];
        }

        var raw = (_max - _min) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = Steps.Select(m => m * magnitude).First(s => s >= raw);
        // Whole multiples of the step, cleaned to 12 significant digits (0.30000000000000004 -> 0.3): rounding to a
        // fixed number of decimals instead would put every tick of a picosecond-scale axis at 0.
        var ticks = new List<double>();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        for (var k = Math.Ceiling(_min / step); k * step <= _max + (step * 1e-9); k++)
        {
            ticks.Add(double.Parse((k * step).ToString("G12", invariant), invariant));
        }

        return ticks;
    }

    /// <summary>The top of a linear axis starting at 0 that holds <paramref name="max"/>, a little above it.</summary>
    public static double Headroom(double max) => max > 0 ? max * 1.1 : 1;
}
