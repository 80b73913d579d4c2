namespace Scission.Domain.Search;

/// <summary>
/// Best-first (A*) enumeration of complete plans in ascending latency, using <see cref="CostToGo"/> as an
/// exact lower bound. Children are generated lazily: a node pushes its stay move and one hop group; a hop
/// group, when reached, expands into its hops sorted by estimate, and each hop pushes its next sibling only
/// when it is itself taken. So a plan costs about one heap operation per block, and rules the bound ignores
/// (a resource used once, percentage limits) are enforced on the way without losing exactness.
/// </summary>
internal sealed partial class PlanSearch
{
    private readonly CompiledInstance _instance;
    private readonly CostToGo _bounds;
    private readonly int _nodeBudget;
    private readonly NodeHeap _heap;
    private SearchNode[] _nodes = new SearchNode[256];
    private int _count;

    public PlanSearch(CompiledInstance instance, CostToGo bounds, int nodeBudget)
    {
        _instance = instance;
        _bounds = bounds;
        _nodeBudget = nodeBudget;
        _heap = new NodeHeap(CompareNodes);
    }

    /// <summary>Whether the search stopped because it needed more nodes than allowed.</summary>
    public bool BudgetExceeded { get; private set; }

    /// <summary>Runs the search and returns the complete nodes of the best plans, best first.</summary>
    public List<int> Run()
    {
        var found = new List<int>(_instance.Top);
        AddRoots();
        while (_heap.Count > 0 && found.Count < _instance.Top)
        {
            if (_count > _nodeBudget)
            {
                BudgetExceeded = true;
                break;
            }

            var id = _heap.Pop();
            var node = _nodes[id];
            if (node.NextSibling >= 0)
            {
                _heap.Push(node.NextSibling);
            }

            if (node.IsHopGroup)
            {
                ExpandHops(node.Parent);
            }
            else if (node.BlocksDone == _instance.BlockCount)
            {
                if (KeepsPercentLimits(id))
                {
                    found.Add(id);
                }
            }
            else
            {
                Expand(id);
            }
        }

        // The bound is exact only up to rounding, so restore the documented order among the plans found.
        found.Sort(CompareNodes);
        return found;
    }

    private void AddRoots()
    {
        var first = _count;
        var devices = _instance.Candidates[0];
        for (var slot = 0; slot < devices.Length; slot++)
        {
            var bound = _bounds.Run(0, slot, 0);
            if (double.IsFinite(bound))
            {
                Add(new SearchNode
                {
                    Parent = -1,
                    Move = devices[slot],
                    Stage = 0,
                    Slot = slot,
                    Resource = devices[slot],
                    Estimate = bound,
                });
            }
        }

        PushSiblings(first);
    }

    private void Expand(int id)
    {
        var node = _nodes[id];
        var i = node.BlocksDone;
        if (_instance.Allowed[node.Stage][i])
        {
            var current = node.Current + _instance.Latency[node.Resource][i];
            var bound = _bounds.Run(node.Stage, node.Slot, i + 1);
            if (current <= _instance.SecondsLimit[node.Stage] && double.IsFinite(bound))
            {
                var stay = node;
                stay.Parent = id;
                stay.Move = SearchNode.Stay;
                stay.Depth = node.Depth + 1;
                stay.NextSibling = -1;
                stay.BlocksDone = i + 1;
                stay.Current = current;
                stay.Estimate = node.Done + current + node.Transfer + bound;
                _heap.Push(Add(stay));
            }
        }

        var hopBound = _bounds.End(node.Stage, node.Slot, i);
        if (double.IsFinite(hopBound))
        {
            var group = node;
            group.Parent = id;
            group.Move = SearchNode.HopGroup;
            group.IsHopGroup = true;
            group.Depth = node.Depth + 1;
            group.NextSibling = -1;
            group.Estimate = node.Done + node.Current + node.Transfer + hopBound;
            _heap.Push(Add(group));
        }
    }

    private void ExpandHops(int id)
    {
        var node = _nodes[id];
        var instance = _instance;
        var i = node.BlocksDone;
        var bytes = instance.BytesAfter(node.Resource, i);
        if (bytes > instance.UploadCap[node.Stage])
        {
            return;
        }

        var first = _count;
        var done = node.Done + node.Current;
        for (var next = node.Stage + 1; next <= instance.LastReachable(node.Stage); next++)
        {
            if (!instance.Allowed[next][i])
            {
                continue;
            }

            var candidates = instance.Candidates[next];
            for (var slot = 0; slot < candidates.Length; slot++)
            {
                var target = candidates[slot];
                if (target == node.Resource || !instance.HasLink(node.Resource, target) || (instance.SharedCandidates && IsOnPath(id, target)))
                {
                    continue;
                }

                var current = instance.Latency[target][i];
                var bound = _bounds.Run(next, slot, i + 1);
                if (current > instance.SecondsLimit[next] || !double.IsFinite(bound))
                {
                    continue;
                }

                var transfer = node.Transfer + instance.HopSeconds(node.Resource, target, bytes);
                Add(new SearchNode
                {
                    Parent = id,
                    Move = SearchNode.HopMove(next, target, instance.ResourceCount),
                    Depth = node.Depth + 1,
                    Stage = next,
                    Slot = slot,
                    Resource = target,
                    BlocksDone = i + 1,
                    StageStart = i,
                    Done = done,
                    Current = current,
                    Transfer = transfer,
                    Bytes = node.Bytes + bytes,
                    Estimate = done + current + transfer + bound,
                });
            }
        }

        PushSiblings(first);
    }

    /// <summary>Sorts the nodes added since <paramref name="first"/>, chains them as siblings and pushes the best.</summary>
    private void PushSiblings(int first)
    {
        if (_count == first)
        {
            return;
        }

        _nodes.AsSpan(first, _count - first).Sort(static (a, b) => a.Estimate != b.Estimate ? a.Estimate.CompareTo(b.Estimate) : a.Move.CompareTo(b.Move));
        for (var k = first; k < _count; k++)
        {
            _nodes[k].Entry = k;
            _nodes[k].NextSibling = k + 1 < _count ? k + 1 : -1;
        }

        _heap.Push(first);
    }

    private int Add(in SearchNode node)
    {
        if (_count == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        _nodes[_count] = node;
        return _count++;
    }

    private bool IsOnPath(int id, int resource)
    {
        while (true)
        {
            var node = _nodes[id];
            if (node.Resource == resource)
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

    private bool KeepsPercentLimits(int id)
    {
        if (!_instance.AnyPercentLimit)
        {
            return true;
        }

        var total = _nodes[id].Done + _nodes[id].Current;
        while (true)
        {
            var node = _nodes[id];
            if (_instance.PercentLimit[node.Stage] is { } limit && !limit.Allows(node.Current, total))
            {
                return false;
            }

            var parent = _nodes[node.Entry].Parent;
            if (parent < 0)
            {
                return true;
            }

            id = parent;
        }
    }
}
