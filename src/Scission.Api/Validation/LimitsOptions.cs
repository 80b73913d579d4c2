using System.ComponentModel.DataAnnotations;

namespace Scission.Api.Validation;

/// <summary>What one request may carry (section <c>Limits</c>); docs/security.md lists every limit.</summary>
internal sealed class LimitsOptions
{
    /// <summary>A JSON body; a benchmark of 100,000 blocks is about 10 MB.</summary>
    [Range(1024, 1L << 30)]
    public long MaxJsonBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>A CSV link import.</summary>
    [Range(1024, 1L << 30)]
    public long MaxCsvBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Links in one CSV import.</summary>
    [Range(1, 10_000_000)]
    public int MaxCsvRows { get; set; } = 100_000;

    /// <summary>Plans one partition query may ask for.</summary>
    [Range(1, 1_000_000)]
    public int MaxTop { get; set; } = 1000;

    /// <summary>Stages of one searched pipeline.</summary>
    [Range(1, 1000)]
    public int MaxStages { get; set; } = 16;

    /// <summary>Resources one stage of a search may name.</summary>
    [Range(1, 1_000_000)]
    public int MaxCandidatesPerStage { get; set; } = 1000;

    /// <summary>Blocks in one benchmark (and so in a model's layout).</summary>
    [Range(1, 10_000_000)]
    public int MaxBlocks { get; set; } = 100_000;

    /// <summary>Benchmarks in one batch (<c>POST /v1/benchmarks</c>); the JSON body limit applies too.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchBenchmarks { get; set; } = 1000;
}
