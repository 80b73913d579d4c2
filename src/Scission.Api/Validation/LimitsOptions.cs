using System.ComponentModel.DataAnnotations;

namespace Scission.Api.Validation;

/// <summary>What one request may carry (section <c>Limits</c>); docs/security.md lists every limit.</summary>
internal sealed class LimitsOptions
{
    /// <summary>A JSON body; a benchmark of 100,000 blocks is about 10 MB.</summary>
    [Range(1024, 1L << 34)]
    public long MaxJsonBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>A CSV link import.</summary>
    [Range(1024, 1L << 34)]
    public long MaxCsvBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Links in one CSV import.</summary>
    [Range(1, 10_000_000)]
    public int MaxCsvRows { get; set; } = 100_000;
}
