namespace Scission.Domain.Search;

/// <summary>One hop of a plan: what crosses from one used stage (or the idle first stage) to the next.</summary>
/// <param name="FromStage">The sending stage's index.</param>
/// <param name="ToStage">The receiving stage's index.</param>
/// <param name="Source">The sending resource.</param>
/// <param name="Destination">The receiving resource.</param>
/// <param name="Bytes">What crosses: the sender's last block's output, or the input when the first stage runs nothing.</param>
/// <param name="Seconds">Link latency plus bytes over bandwidth.</param>
public sealed record HopTransfer(int FromStage, int ToStage, string Source, string Destination, long Bytes, double Seconds);
