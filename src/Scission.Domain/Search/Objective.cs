namespace Scission.Domain.Search;

/// <summary>What a search ranks plans by. Every objective is ranked best first; ties fall back to latency, then the path order.</summary>
public enum Objective
{
    /// <summary>End-to-end latency, lowest first.</summary>
    Latency,

    /// <summary>Inferences per second with the stages run as a pipeline, highest first: 1 / the slowest stage or hop.</summary>
    Throughput,

    /// <summary>Bytes sent over every hop, fewest first.</summary>
    TransferBytes,

    /// <summary>Bytes leaving the first stage's machine, fewest first.</summary>
    DeviceUploadBytes,

    /// <summary>The first stage's machine's energy for one inference, least first; needs its power figures.</summary>
    DeviceEnergy,
}
