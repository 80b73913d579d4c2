namespace Scission.Domain.Search;

/// <summary>One ranked way to split the model over the pipeline.</summary>
/// <param name="LatencySeconds">End-to-end latency: compute plus transfer.</param>
/// <param name="ComputeSeconds">Compute of every used stage, summed in stage order.</param>
/// <param name="TransferSeconds">Latency plus bytes over bandwidth for every hop, summed in hop order.</param>
/// <param name="TransferBytes">Bytes sent over all hops, the input included when the first stage runs nothing.</param>
/// <param name="Stages">Every stage of the pipeline in order, used or not.</param>
public sealed record PartitionPlan(
    double LatencySeconds,
    double ComputeSeconds,
    double TransferSeconds,
    long TransferBytes,
    IReadOnlyList<StagePlacement> Stages)
{
    /// <summary>The plan in the original tool's configuration format.</summary>
    public string Configuration => ConfigurationFormatter.Format(Stages);
}
