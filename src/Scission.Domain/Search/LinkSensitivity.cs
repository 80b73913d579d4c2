namespace Scission.Domain.Search;

/// <summary>
/// How far one link the best plan uses may move, everything else fixed, before another plan becomes best.
/// Bandwidths are in Mbps, latencies in ms; a bound is <c>null</c> where no plan ever takes over on a link the
/// service accepts (from 1 byte/s to 10^12 Mbps, latency up to 10^12 ms).
/// </summary>
/// <param name="Source">The link's sending resource.</param>
/// <param name="Destination">Its receiving resource.</param>
/// <param name="BandwidthMbps">The bandwidth the answer was computed with.</param>
/// <param name="MinMbps">Below this the best plan changes (<c>null</c>: never, down to 1 byte/s).</param>
/// <param name="MaxMbps">Above this the best plan changes (<c>null</c>: never).</param>
/// <param name="BelowMin">The plan that is best just below <paramref name="MinMbps"/>.</param>
/// <param name="AboveMax">The plan that is best just above <paramref name="MaxMbps"/>.</param>
/// <param name="LatencyMs">The link latency the answer was computed with.</param>
/// <param name="MaxLatencyMs">Above this the best plan changes (<c>null</c>: never).</param>
/// <param name="AboveMaxLatency">The plan that is best just above <paramref name="MaxLatencyMs"/>.</param>
public sealed record LinkSensitivity(
    string Source,
    string Destination,
    double BandwidthMbps,
    double? MinMbps,
    double? MaxMbps,
    RivalPlan? BelowMin,
    RivalPlan? AboveMax,
    double LatencyMs,
    double? MaxLatencyMs,
    RivalPlan? AboveMaxLatency)
{
    /// <summary>
    /// Below this link latency the best plan changes (<c>null</c>: never, down to 0). Always <c>null</c> for the
    /// latency objective, where the best plan gains from a faster link at least as much as any other; for device
    /// energy a rival that waits longer on this link (or spends more watts on it) can gain more.
    /// </summary>
    public double? MinLatencyMs { get; init; }

    /// <summary>The plan that is best just below <see cref="MinLatencyMs"/>.</summary>
    public RivalPlan? BelowMinLatency { get; init; }
}

/// <summary>A plan that takes over beyond a bound: its configuration, and its latency with the links as they are now.</summary>
public sealed record RivalPlan(string Config, double LatencySeconds)
{
    /// <summary>Its device energy with the links as they are now, when the question ranks by device energy.</summary>
    public double? DeviceEnergyJoules { get; init; }
}
