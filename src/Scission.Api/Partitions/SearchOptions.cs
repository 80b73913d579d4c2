using System.ComponentModel.DataAnnotations;
using Scission.Domain;

namespace Scission.Api.Partitions;

/// <summary>Bounds on one partition search (section <c>Search</c>).</summary>
internal sealed class SearchOptions
{
    /// <summary>
    /// Memory one query may use for its partial plans and bounds; a search that needs more answers with the plans
    /// proven best so far and says it was cut short.
    /// </summary>
    [Range(1L << 20, 1L << 40)]
    public long MemoryBudgetBytes { get; set; } = PartitionSearch.DefaultMemoryBudgetBytes;

    /// <summary>Time one search may take; past it, the plans proven best so far (never cached: a quieter moment may do better).</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Searches computed at once; cache hits do not count. Each takes a core and up to its memory budget.</summary>
    [Range(1, 1024)]
    public int MaxConcurrent { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>How long a search waits for its turn before the answer is 503 with <c>Retry-After</c>.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
