using System.ComponentModel.DataAnnotations;

namespace Scission.Contracts;

/// <summary>The measured figures of one directed link.</summary>
public sealed record LinkBody
{
    /// <summary>Latency in milliseconds, charged once per hop.</summary>
    [Required]
    public double? LatencyMs { get; init; }

    /// <summary>Bandwidth in decimal megabits per second (1 Mbps = 125,000 bytes/s).</summary>
    [Required]
    public double? BandwidthMbps { get; init; }
}

/// <summary>A directed link of a network.</summary>
public sealed record LinkResponse(string Source, string Destination, double LatencyMs, double BandwidthMbps)
;
