namespace Scission.Domain.Search;

/// <summary>Keeping the nodes: sibling groups, the heap, and walking a path back to its root.</summary>
internal sealed partial class PlanSearch
{
    /// <summary>Sorts the nodes added since <paramref name="first"/>, chains them as siblings and pushes the best.</summary>
    private void PushSiblings(int first)
    {
        if (_nodes.Count == first)
        {
            return;
        }

        _nodes.Tail(first).Sort(static (a, b) => a.Estimate != b.Estimate ? a.Estimate.CompareTo(b.Estimate) : a.Move.CompareTo(b.Move));
        for (var k = first; k < _nodes.Count; k++)
        {
            _nodes[k].Entry = k;
            _nodes[k].NextSibling = k + 1 < _nodes.Count ? k + 1 : -1;
        }

        Push(first);
    }

    private void Push(int id) => _heap.Enqueue(id, id);

    private int Add(in SearchNode node) => _nodes.Add(node);

    private bool IsOnPath(int id, int resource)
    {
        while (true)
        {
            var node = _nodes[id];
            if (ResourceOf(node) == resource)
            {
                return true;
            }

            var parent = _nodes[node.Entry].Parent;
            if (parent < 0)
            {
                return false;
            }

            id = parent;
        }
    }
}
