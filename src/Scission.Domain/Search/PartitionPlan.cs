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
    /// <summary>Every hop, in order.</summary>
    public IReadOnlyList<HopTransfer> Hops { get; init; } = [];

    /// <summary>
    /// Inferences per second with the stages run as a pipeline: 1 / the largest of each used stage's compute and
    /// each hop's transfer; <c>null</c> when both are all zero (no bound).
    /// </summary>
    public double? ThroughputPerSecond { get; init; }

    /// <summary>Bytes leaving the first stage's machine: its hop's, the input when it runs nothing; 0 when it runs everything.</summary>
    public long DeviceUploadBytes { get; init; }

    /// <summary>The first stage's machine's energy for one inference (<see cref="Model.PowerFigures.EnergyJoules"/>), when its power figures are known.</summary>
    public double? DeviceEnergyJoules { get; init; }

    /// <summary>The plan in the original tool's configuration format.</summary>
    public string Configuration => ConfigurationFormatter.Format(Stages);
}
