namespace Scission.Domain.Model;

/// <summary>A directed link between two resources.</summary>
/// <param name="Source">Name of the sending resource.</param>
/// <param name="Destination">Name of the receiving resource.</param>
/// <param name="LatencyMs">Round-trip figure in milliseconds, charged once per hop.</param>
/// <param name="BandwidthMbps">Bandwidth in decimal megabits per second.</param>
public readonly record struct NetworkLink(string Source, string Destination, double LatencyMs, double BandwidthMbps)
{
    /// <summary>The longest link latency accepted, 10^12 ms, for the same reason as <see cref="BlockMeasurement.MaxLatencySeconds"/>.</summary>
    public const double MaxLatencyMs = 1e12;

    /// <summary>
    /// The fastest link bandwidth accepted, 10^12 Mbps (an exabit per second, far beyond any link): in bytes per
    /// second it stays finite, so every transfer time and every bound derived from it does too.
    /// </summary>
    public const double MaxBandwidthMbps = 1e12;

    /// <summary>Whether <paramref name="mbps"/> is a bandwidth a link may have: at most <see cref="MaxBandwidthMbps"/>, at least 1 byte/s once rounded.</summary>
    public static bool IsBandwidth(double mbps) => mbps <= MaxBandwidthMbps && Math.Round(mbps * 125_000, MidpointRounding.ToEven) >= 1;

    /// <summary>Bytes per second, rounded to whole bytes (half to even) exactly as the original tool does.</summary>
    public double BytesPerSecond => Math.Round(BandwidthMbps * 125_000, MidpointRounding.ToEven);

    /// <summary>The link latency in seconds.</summary>
    public double LatencySeconds => LatencyMs / 1000;

    /// <summary>Seconds to send <paramref name="bytes"/> over this link: latency plus bytes over bandwidth.</summary>
    public double TransferSeconds(long bytes) => LatencySeconds + (bytes / BytesPerSecond);
}
