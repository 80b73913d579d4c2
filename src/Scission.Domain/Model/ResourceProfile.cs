namespace Scission.Domain.Model;

/// <summary>The benchmark of a model on one resource: one measurement per block, in block order.</summary>
public sealed record ResourceProfile(Resource Resource, IReadOnlyList<BlockMeasurement> Blocks);
