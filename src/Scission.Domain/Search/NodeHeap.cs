namespace Scission.Domain.Search;

/// <summary>A binary min-heap of node numbers ordered by the search's (estimate, path) order.</summary>
internal sealed class NodeHeap(Comparison<int> compare)
{
    private int[] _items = new int[64];

    public int Count { get; private set; }

    public void Push(int node)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (compare(_items[parent], node) <= 0)
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = node;
    }

    public int Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && compare(_items[child + 1], _items[child]) < 0)
            {
                child++;
            }

            if (compare(last, _items[child]) <= 0)
            {
                break;
            }

            _items[i] = _items[child];
            i = child;
        }

        if (Count > 0)
        {
            _items[i] = last;
        }

        return top;
    }
}
