using Scission.Domain.Model;

namespace Scission.Domain.Catalog;

/// <summary>A stored link and, when a probe measured it, how.</summary>
public sealed record LinkRecord(NetworkLink Link, LinkMeasurement? Measurement)
{
    /// <summary>The store's version of this entry, changed by every write to it (its ETag).</summary>
    public long Version { get; init; }
}

/// <summary>How a link's figures were measured by a probe, kept beside the link as its provenance.</summary>
public sealed record LinkMeasurement
{
    /// <summary>How: <c>http-upload</c> (the source sent to a receiver) or <c>http-download</c> (the receiver sent).</summary>
    public required string Method { get; init; }

    /// <summary>Round-trip time: the intercept of the fit <c>time = rtt + bytes / bandwidth</c>.</summary>
    public required double RttMs { get; init; }

    /// <summary>Bandwidth: the inverse slope of the fit, in decimal megabits per second.</summary>
    public required double BandwidthMbps { get; init; }

    /// <summary>The median time of empty requests, a cross-check of <see cref="RttMs"/>.</summary>
    public double? ZeroByteMedianMs { get; init; }

    /// <summary>Median, over payload sizes, of the interquartile range of the times relative to their median, in percent.</summary>
    public double? SpreadPercent { get; init; }

    /// <summary>Median absolute difference between each size's median time and the fit.</summary>
    public double? FitResidualMs { get; init; }

    /// <summary>Payload sizes tried, from 0 to <see cref="MaxBytes"/>.</summary>
    public int? Sizes { get; init; }

    /// <summary>Timed transfers in all.</summary>
    public int? Samples { get; init; }

    /// <summary>The largest payload.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>The resource the probe ran on.</summary>
    public string? ProbedFrom { get; init; }

    /// <summary>The receiver's address.</summary>
    public string? Target { get; init; }

    /// <summary>When the measurement was taken.</summary>
    public required DateTimeOffset MeasuredAt { get; init; }
}
