namespace Scission.Domain.Model;

/// <summary>One block of a model measured on one resource.</summary>
/// <param name="LatencySeconds">Time to run the block alone, in seconds.</param>
/// <param name="OutputBytes">Size of the block's output tensor in bytes, as sent over a link.</param>
public readonly record struct BlockMeasurement(double LatencySeconds, long OutputBytes);
