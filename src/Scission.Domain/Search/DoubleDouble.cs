namespace Scission.Domain.Search;

/// <summary>
/// A sum kept as two doubles, hi + lo, with the rounding error of every addition carried in lo (Knuth's TwoSum):
/// about 106 bits. Differences of such prefix sums lose nothing to cancellation, so a run's sum after a huge block
/// is as exact as anywhere else.
/// </summary>
internal readonly record struct DoubleDouble(double Hi, double Lo) : IComparable<DoubleDouble>
{
    public double Value => Hi + Lo;

    public bool IsFinite => double.IsFinite(Hi);

    public DoubleDouble Add(double b)
    {
        if (!double.IsFinite(Hi) || !double.IsFinite(b))
        {
            return new(Hi + b, 0);
        }

        var (sum, error) = TwoSum(Hi, b);
        return Normalise(sum, error + Lo);
    }

    public DoubleDouble Subtract(DoubleDouble b)
    {
        if (!double.IsFinite(Hi) || !double.IsFinite(b.Hi))
        {
            return new(Hi - b.Hi, 0);
        }

        var (sum, error) = TwoSum(Hi, -b.Hi);
        return Normalise(sum, error + (Lo - b.Lo));
    }

    public int CompareTo(DoubleDouble other) => Hi != other.Hi ? Hi.CompareTo(other.Hi) : Lo.CompareTo(other.Lo);

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        var sum = a + b;
        var bPart = sum - a;
        return (sum, (a - (sum - bPart)) + (b - bPart));
    }

    private static DoubleDouble Normalise(double hi, double lo)
    {
        var sum = hi + lo;
        return new(sum, lo - (sum - hi));
    }
}
