namespace Scission.Domain.Model;

/// <summary>
/// How a model's layers are grouped into blocks: blocks <c>0..n-1</c>, each a contiguous run of layers,
/// each block starting one layer after the previous one ends.
/// </summary>
public sealed class BlockLayout : IEquatable<BlockLayout>
{
    private readonly LayerRange[] _blocks;

    private BlockLayout(LayerRange[] blocks) => _blocks = blocks;

    /// <summary>The blocks in execution order.</summary>
    public IReadOnlyList<LayerRange> Blocks => _blocks;

    /// <summary>Number of blocks.</summary>
    public int Count => _blocks.Length;

    /// <summary>Builds a layout, or says which block breaks the rules.</summary>
    /// <returns>The layout, or <c>null</c> with <paramref name="error"/> set.</returns>
    public static BlockLayout? TryCreate(IReadOnlyList<LayerRange> blocks, out LayoutError? error)
    {
        error = null;
        if (blocks.Count == 0)
        {
            error = new LayoutError(-1, "at least one block is required");
            return null;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.FirstLayer < 0)
            {
                error = new LayoutError(i, "firstLayer must not be negative");
            }
            else if (block.LastLayer < block.FirstLayer)
            {
                error = new LayoutError(i, "lastLayer must not be smaller than firstLayer");
            }
            else if (i > 0 && block.FirstLayer != blocks[i - 1].LastLayer + 1)
            {
                error = new LayoutError(i, $"firstLayer must be {blocks[i - 1].LastLayer + 1}, one after the previous block's lastLayer");
            }

            if (error is not null)
            {
                return null;
            }
        }

        return new BlockLayout([.. blocks]);
    }

    /// <summary>Builds a layout that is known to be valid; throws otherwise.</summary>
    public static BlockLayout Create(IReadOnlyList<LayerRange> blocks) =>
        TryCreate(blocks, out var error) ?? throw new ArgumentException($"block {error!.BlockIndex}: {error.Message}", nameof(blocks));

    /// <summary>The index of the block that holds <paramref name="layer"/>, or -1 when no block does.</summary>
    public int FindBlock(int layer)
    {
        int low = 0, high = _blocks.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (layer < _blocks[middle].FirstLayer)
            {
                high = middle - 1;
            }
            else if (layer > _blocks[middle].LastLayer)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return -1;
    }

    /// <summary>Describes the first place where <paramref name="other"/> differs, or <c>null</c> when both are equal.</summary>
    public string? DescribeDifference(BlockLayout other)
    {
        var shared = Math.Min(Count, other.Count);
        for (var i = 0; i < shared; i++)
        {
            if (_blocks[i] != other._blocks[i])
            {
                return $"block {i} covers layers {other._blocks[i].FirstLayer}-{other._blocks[i].LastLayer}, but the model's layout has {_blocks[i].FirstLayer}-{_blocks[i].LastLayer}";
            }
        }

        return Count == other.Count ? null : $"it has {other.Count} blocks, but the model's layout has {Count}";
    }

    /// <inheritdoc />
    public bool Equals(BlockLayout? other) => other is not null && _blocks.AsSpan().SequenceEqual(other._blocks);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BlockLayout);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var block in _blocks)
        {
            hash.Add(block);
        }

        return hash.ToHashCode();
    }
}

/// <summary>Why a list of blocks is not a valid layout.</summary>
/// <param name="BlockIndex">The offending block, or -1 for the list as a whole.</param>
/// <param name="Message">The reason.</param>
public sealed record LayoutError(int BlockIndex, string Message);
