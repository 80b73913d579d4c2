namespace Scission.Domain.Model;

/// <summary>The layers a block covers, both ends inclusive.</summary>
public readonly record struct LayerRange(int FirstLayer, int LastLayer)
{
    /// <summary>Whether <paramref name="layer"/> lies in this range.</summary>
    public bool Contains(int layer) => layer >= FirstLayer && layer <= LastLayer;
}
