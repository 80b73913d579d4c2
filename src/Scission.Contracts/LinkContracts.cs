using System.ComponentModel.DataAnnotations;
using Scission.Domain.Catalog;

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

    /// <summary>How the figures were measured, when a probe measured them (<c>scission-agent probe</c>).</summary>
    public LinkMeasurement? Measurement { get; init; }
}

/// <summary>A directed link of a network; <c>measurement</c> says how a probe measured it, when one did.</summary>
public sealed record LinkResponse(string Source, string Destination, double LatencyMs, double BandwidthMbps, LinkMeasurement? Measurement = null);
