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
}
