namespace Scission.Domain.Search;

/// <summary>
/// Best-first (A*) enumeration of complete plans, using <see cref="CostToGo"/> as a lower bound. Children are
/// generated lazily: a node pushes its stay move and one hop group; a hop group, when reached, expands into its
/// hops sorted by estimate, and each hop pushes its next sibling only when it is itself taken. So a plan costs
/// about one heap operation per block, and the rules the bound ignores (a resource used once, percentage
/// limits) are enforced on the way. The search stops only once no node left could hold a plan that ranks
/// among the best <c>top</c>, allowing for rounding (<see cref="RoundingBounds"/>), then sorts what it found
/// by computed latency and the tie rule: so the answer is exact in the floating point it reports.
/// </summary>
internal sealed partial class PlanSearch
{
    private readonly CompiledInstance _instance;
    private readonly CostToGo _bounds;
    private readonly PercentBounds? _percent;
    private readonly long _memoryBytes;
    private readonly double _relativeSlack;
    private readonly double _absoluteSlack;
    private readonly bool _exact;
    private readonly SearchDeadline _deadline;
    private readonly PriorityQueue<int, int> _heap;
    private readonly NodeStore _nodes;
    private readonly int _widest;

    public PlanSearch(CompiledInstance instance, CostToGo bounds, PercentBounds? percent, SearchSlack slack, long memoryBytes, SearchDeadline deadline)
    {
        _deadline = deadline;
        _instance = instance;
        _bounds = bounds;
        _percent = percent;
        _memoryBytes = memoryBytes;
        _relativeSlack = slack.Relative;
        _absoluteSlack = slack.Absolute;
        _exact = slack.Exact;
        _heap = new PriorityQueue<int, int>(Comparer<int>.Create(CompareNodes));
        _widest = instance.Candidates.Sum(c => c.Length) + 2;
        _nodes = new NodeStore(_widest);
    }

    /// <summary>Why the search stopped early, if it did; the plans it returned are then the certified best ones.</summary>
    public SearchStop Stopped { get; private set; }

    /// <summary>Partial plans created.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>
    /// Memory the search holds: its node chunks, and its heap's entries (8 bytes each) with room for the heap's
    /// array to double.
    /// </summary>
    public long MemoryBytes => _nodes.Bytes + (16L * _heap.Count);

    /// <summary>Runs the search and returns the complete nodes of the best plans, best first.</summary>
    public List<int> Run()
    {
        var found = new List<int>();
        var kth = new PriorityQueue<double, double>(Comparer<double>.Create(static (a, b) => b.CompareTo(a)));
        var top = _instance.Top;
        if (_percent is not { Unmeetable: true })
        {
            AddRoots();
        }

        var pops = 0;

        while (_heap.TryPeek(out var next, out _))
        {
            // Without rounding, complete plans leave the heap in exactly the ranking order (ties by path), so the
            // first K are the answer; with it, only once nothing left could come within rounding of the K-th.
            if (_exact ? found.Count == top : kth.Count == top && LowerBound(_nodes[next].Estimate) > kth.Peek())
            {
                break;
            }

            if (MemoryBytes + _nodes.ChunkBytes > _memoryBytes)
            {
                Stopped = SearchStop.Memory;
                break;
            }

            // Looking at the clock costs more than a heap operation, so only every 256th.
            if ((++pops & 255) == 0 && _deadline.HasPassed)
            {
                Stopped = SearchStop.Time;
                break;
            }

            var id = _heap.Dequeue();
            var node = _nodes[id];
            if (node.NextSibling >= 0)
            {
                _heap.Enqueue(node.NextSibling, node.NextSibling);
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
                    var latency = Latency(node);
                    if (kth.Count < top)
                    {
                        kth.Enqueue(latency, latency);
                    }
                    else if (latency < kth.Peek())
                    {
                        kth.DequeueEnqueue(latency, latency);
                    }
                }
            }
            else
            {
                Expand(id);
            }
        }

        found.Sort(ComparePlans);
        if (Stopped != SearchStop.None && !_exact)
        {
            // Only plans that nothing left in the heap could still beat or tie are certain of their rank. (Without
            // rounding every plan found already precedes everything left.)
            var certain = _heap.TryPeek(out var next, out _) ? LowerBound(_nodes[next].Estimate) : double.PositiveInfinity;
            found.RemoveAll(id => !(Latency(_nodes[id]) < certain));
        }

        return found.Count > top ? found.GetRange(0, top) : found;
    }

    /// <summary>The least computed latency any completion of a node with this estimate can have.</summary>
    private double LowerBound(double estimate) => estimate - (Math.Abs(estimate) * _relativeSlack) - _absoluteSlack;

    private static double Latency(in SearchNode node) => node.Done + node.Current + node.Transfer;

    private void AddRoots()
    {
        _nodes.ReserveContiguous(_widest);
        var first = _nodes.Count;
        var devices = _instance.Candidates[0];
        for (var slot = 0; slot < devices.Length; slot++)
        {
            var root = new SearchNode
            {
                Parent = -1,
                Move = devices[slot],
                Stage = 0,
                Slot = slot,
            };
            if (Estimate(ref root, _bounds.Run(0, slot, 0), _percent?.Lagrangian?.Run(0, slot, 0)) && KeepsShares(root, -1, end: false))
            {
                Add(root);
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
            var latency = _instance.Latency[ResourceOf(node)][i];
            var stay = node;
            stay.Parent = id;
            stay.Move = SearchNode.Stay;
            stay.NextSibling = -1;
            stay.BlocksDone = i + 1;
            stay.Current = node.Current + latency;
            stay.Weighted = node.Weighted + (latency * Multiplier(node.Stage));
            if (stay.Current <= _instance.SecondsLimit[node.Stage]
                && Estimate(ref stay, _bounds.Run(node.Stage, node.Slot, i + 1), _percent?.Lagrangian?.Run(node.Stage, node.Slot, i + 1))
                && KeepsShares(stay, id, end: false))
            {
                Push(Add(stay));
            }
        }

        var group = node;
        group.Parent = id;
        group.Move = SearchNode.HopGroup;
        group.IsHopGroup = true;
        group.NextSibling = -1;
        if (Estimate(ref group, _bounds.End(node.Stage, node.Slot, i), _percent?.Lagrangian?.End(node.Stage, node.Slot, i))
            && KeepsShares(group, id, end: true))
        {
            Push(Add(group));
        }
    }

    private void ExpandHops(int id)
    {
        var node = _nodes[id];
        var instance = _instance;
        var i = node.BlocksDone;
        var resource = ResourceOf(node);
        var bytes = instance.BytesAfter(resource, i);
        if (bytes > instance.UploadCap[node.Stage])
        {
            return;
        }

        _nodes.ReserveContiguous(_widest);
        var first = _nodes.Count;
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
                if (target == resource || !instance.HasLink(resource, target) || (instance.SharedCandidates && IsOnPath(id, target)))
                {
                    continue;
                }

                var latency = instance.Latency[target][i];
                if (latency > instance.SecondsLimit[next])
                {
                    continue;
                }

                var hop = new SearchNode
                {
                    Parent = id,
                    Move = SearchNode.HopMove(next, target, instance.ResourceCount),
                    Stage = (short)next,
                    Slot = slot,
                    BlocksDone = i + 1,
                    Done = done,
                    Current = latency,
                    Transfer = node.Transfer + instance.HopSeconds(resource, target, bytes),
                    Weighted = node.Weighted + (latency * Multiplier(next)),
                };
                if (Estimate(ref hop, _bounds.Run(next, slot, i + 1), _percent?.Lagrangian?.Run(next, slot, i + 1)) && KeepsShares(hop, id, end: false))
                {
                    Add(hop);
                }
            }
        }

        PushSiblings(first);
    }

    private int ResourceOf(in SearchNode node) => _instance.Candidates[node.Stage][node.Slot];

    private double Multiplier(int stage) => _percent?.Lagrangian is null ? 1 : _percent.Multipliers[stage];

    /// <summary>
    /// Sets the node's estimate: cost so far plus the bound on the rest, raised by the Lagrangian bound where
    /// percentage limits have one. Returns whether any completion is possible.
    /// </summary>
    private bool Estimate(ref SearchNode node, double bound, double? lagrangian)
    {
        if (!double.IsFinite(bound))
        {
            return false;
        }

        node.Estimate = node.Done + node.Current + node.Transfer + bound;
        if (lagrangian is { } weighted && node.BlocksDone < _instance.BlockCount)
        {
            node.Estimate = Math.Max(node.Estimate, node.Weighted + node.Transfer + weighted - _percent!.LagrangianSlack);
        }

        return true;
    }
}
