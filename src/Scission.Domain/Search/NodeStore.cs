using System.Numerics;
using System.Runtime.CompilerServices;

namespace Scission.Domain.Search;

/// <summary>
/// The search's nodes in fixed-size chunks: growth never copies, so the memory held is exactly what the nodes
/// need (no doubling transients), and chunks stay below the large-object heap for ordinary group sizes.
/// </summary>
internal sealed class NodeStore
{
    private readonly int _shift;
    private readonly int _mask;
    private readonly List<SearchNode[]> _chunks = [];

    /// <param name="largestGroup">The most nodes that must lie side by side (a sorted sibling group).</param>
    public NodeStore(int largestGroup)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, largestGroup));
        _shift = BitOperations.Log2((uint)size);
        _mask = size - 1;
    }

    /// <summary>One more than the highest id handed out (ids skipped to keep groups contiguous count too).</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held by the chunks.</summary>
    public long Bytes => (long)_chunks.Count * ChunkBytes;

    /// <summary>What one more chunk costs: the most the next addition may add.</summary>
    public long ChunkBytes => (long)(_mask + 1) * Unsafe.SizeOf<SearchNode>();

    public ref SearchNode this[int id] => ref _chunks[id >> _shift][id & _mask];

    /// <summary>Moves to a fresh chunk unless <paramref name="count"/> more nodes fit in this one.</summary>
    public void ReserveContiguous(int count)
    {
        var used = Count & _mask;
        if (used != 0 && used + count > _mask + 1)
        {
            Count += _mask + 1 - used;
        }
    }

    public int Add(in SearchNode node)
    {
        if ((Count >> _shift) == _chunks.Count)
        {
            _chunks.Add(new SearchNode[_mask + 1]);
        }

        this[Count] = node;
        return Count++;
    }

    /// <summary>Nodes <paramref name="first"/> to <c>Count - 1</c>, which <see cref="ReserveContiguous"/> kept in one chunk.</summary>
    public Span<SearchNode> Tail(int first) => _chunks[first >> _shift].AsSpan(first & _mask, Count - first);
}
