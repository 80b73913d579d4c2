namespace Scission.Domain.Model;

/// <summary>One block of a model measured on one resource.</summary>
/// <param name="LatencySeconds">Time to run the block alone, in seconds.</param>
/// <param name="OutputBytes">Size of the block's output tensor in bytes, as sent over a link.</param>
public readonly record struct BlockMeasurement(double LatencySeconds, long OutputBytes)
{
    /// <summary>
    /// The longest block time accepted, 10^12 s (some 30,000 years): far above any measurement, and low enough that
    /// sums and weighted sums over thousands of blocks stay far from overflow, so the search's error bounds hold.
    /// </summary>
    public const double MaxLatencySeconds = 1e12;
}
