using Scission.Domain.Model;

namespace Scission.Domain.Search;

internal sealed partial class PlanSearch
{
    /// <summary>
    /// Ascending estimate (the latency, for a complete plan); equal estimates by path: the device with the
    /// first name, then at the first block the two plans place differently, the earlier stage, then the
    /// resource with the first name. A path orders before its own extensions, which keeps A* sound.
    /// </summary>
    private int CompareNodes(int a, int b)
    {
        var left = _nodes[a].Estimate;
        var right = _nodes[b].Estimate;
        return left != right ? left.CompareTo(right) : ComparePaths(a, b);
    }

    /// <summary>Complete plans: ascending computed latency, then the same path order.</summary>
    private int ComparePlans(int a, int b)
    {
        var left = Latency(_nodes[a]);
        var right = Latency(_nodes[b]);
        return left != right ? left.CompareTo(right) : ComparePaths(a, b);
    }

    private int ComparePaths(int a, int b)
    {
        if (a == b)
        {
            return 0;
        }

        int x = a, y = b;
        while (_nodes[x].Depth > _nodes[y].Depth)
        {
            x = _nodes[x].Parent;
        }

        while (_nodes[y].Depth > _nodes[x].Depth)
        {
            y = _nodes[y].Parent;
        }

        if (x == y)
        {
            return _nodes[a].Depth.CompareTo(_nodes[b].Depth);
        }

        while (_nodes[x].Parent != _nodes[y].Parent)
        {
            x = _nodes[x].Parent;
            y = _nodes[y].Parent;
        }

        return _nodes[x].Move.CompareTo(_nodes[y].Move);
    }

    /// <summary>Reads a complete node back into a plan, one placement per stage.</summary>
    public PartitionPlan BuildPlan(int id, BlockLayout layout)
    {
        var instance = _instance;
        var complete = _nodes[id];
        var stages = new StagePlacement[instance.StageCount];
        for (var s = 0; s < stages.Length; s++)
        {
            stages[s] = new StagePlacement(s, instance.StageTiers[s], null, 0, 0, null, 0, 0);
        }

        long bytes = 0;
        var receiver = -1;
        while (true)
        {
            var node = _nodes[id];
            var resource = ResourceOf(node);
            var entry = _nodes[node.Entry];
            var first = Math.Max(0, entry.BlocksDone - 1);
            var count = node.BlocksDone - first;
            var last = node.BlocksDone - 1;
            stages[node.Stage] = new StagePlacement(
                node.Stage,
                instance.StageTiers[node.Stage],
                instance.ResourceNames[resource],
                first,
                count,
                count > 0 ? new LayerRange(layout.Blocks[first].FirstLayer, layout.Blocks[last].LastLayer) : null,
                node.Current,
                count > 0 ? instance.Output[resource][last] : 0);
            if (receiver >= 0)
            {
                bytes += instance.BytesAfter(resource, node.BlocksDone);
            }

            receiver = resource;
            if (entry.Parent < 0)
            {
                break;
            }

            id = entry.Parent;
        }

        return new PartitionPlan(Latency(complete), complete.Done + complete.Current, complete.Transfer, bytes, stages);
    }
}
