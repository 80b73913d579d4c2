namespace Scission.Domain.Model;

/// <summary>Where a resource sits between the data source and the data centre.</summary>
public enum Tier
{
    /// <summary>The end-device that holds the input.</summary>
    Device,

    /// <summary>A server near the device.</summary>
    Edge,

    /// <summary>A data-centre machine.</summary>
    Cloud,
}
