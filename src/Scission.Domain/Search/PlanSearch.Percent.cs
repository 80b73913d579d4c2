namespace Scission.Domain.Search;

internal sealed partial class PlanSearch
{
    /// <summary>
    /// Whether some completion of <paramref name="node"/> may still keep every percentage limit: its share so
    /// far plus the least share the rest can add (<see cref="PercentBounds.Shares"/>) must not exceed the margin.
    /// <paramref name="parent"/> is the node it extends (-1 for a root); <paramref name="end"/> marks a hop group.
    /// </summary>
    private bool KeepsShares(in SearchNode node, int parent, bool end)
    {
        if (_percent is null)
        {
            return true;
        }

        var total = node.Done + node.Current;
        for (var l = 0; l < _percent.Stages.Length; l++)
        {
            var stage = _percent.Stages[l];
            var stageCompute = node.Stage == stage ? node.Current : node.Stage < stage ? 0 : StageCompute(parent, stage);
            var share = _percent.Shares[l];
            var rest = end ? share.End(node.Stage, node.Slot, node.BlocksDone) : share.Run(node.Stage, node.Slot, node.BlocksDone);
            if (!(_percent.Share(l, stageCompute, total) + rest <= _percent.ShareMargin))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The compute of <paramref name="stage"/> on the path ending at node <paramref name="id"/>.</summary>
    private double StageCompute(int id, int stage)
    {
        while (true)
        {
            var node = _nodes[id];
            if (node.Stage <= stage)
            {
                return node.Stage == stage ? node.Current : 0;
            }

            id = _nodes[node.Entry].Parent;
        }
    }

    /// <summary>The exact test on a complete plan, as the original tool computes it.</summary>
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
