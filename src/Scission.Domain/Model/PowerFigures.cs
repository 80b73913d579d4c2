namespace Scission.Domain.Model;

/// <summary>
/// What a machine draws, for the device energy of a plan: <c>ComputeWatts</c> while it runs blocks,
/// <c>TransmitWatts</c> while it sends, <c>IdleWatts</c> while it waits for the rest of the plan. A figure not
/// given counts as 0 W.
/// </summary>
public sealed record PowerFigures(double? ComputeWatts, double? TransmitWatts, double? IdleWatts)
{
    /// <summary>The most watts accepted for one figure: a megawatt, beyond any single machine.</summary>
    public const double MaxWatts = 1e6;

    /// <summary>Whether any figure is given.</summary>
    public bool Any => ComputeWatts is not null || TransmitWatts is not null || IdleWatts is not null;

    /// <summary>
    /// Joules for one inference: compute watts × the stage's compute seconds + transmit watts × its outgoing hop's
    /// seconds + idle watts × the rest of the plan's latency, in that order.
    /// </summary>
    public double EnergyJoules(double computeSeconds, double transmitSeconds, double latencySeconds) =>
        ((ComputeWatts ?? 0) * computeSeconds) + ((TransmitWatts ?? 0) * transmitSeconds) + ((IdleWatts ?? 0) * Math.Max(0, latencySeconds - computeSeconds - transmitSeconds));
}
