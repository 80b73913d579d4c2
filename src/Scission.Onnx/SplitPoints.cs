namespace Scission.Onnx;

/// <summary>
/// Where a model can be cut. At position <c>p</c> (after layer <c>p</c>) the crossing set is every activation
/// produced at or before <c>p</c> (graph inputs count as produced before layer 0) and read after it, or kept for
/// the model's outputs; constants never cross, since each segment carries its own. A position is a cut when its
/// set's size fits the <see cref="CutRule"/> and the set holds a tensor produced since the previous cut: a block
/// that hands on nothing of its own (a lone Constant node, a node whose result nothing reads) does nothing worth
/// measuring or placing, so it joins the block after it. For the same reason the last block must produce one of
/// the model's outputs; layers after the last that does (dead ends an exporter left) join the block before them.
/// </summary>
internal static class SplitPoints
{
    /// <summary>The blocks: each one's last layer and the tensors crossing after it, in the order they were produced (the last block: the model's outputs).</summary>
    public static IReadOnlyList<(int LastLayer, IReadOnlyList<string> Tensors)> Blocks(OnnxGraph graph, CutRule rule)
    {
        var n = graph.Nodes.Count;
        var spans = Spans(graph);
        var starting = spans.ToLookup(s => s.From);
        var ending = spans.ToLookup(s => s.To);

        // The active set, keyed by production order so each cut lists its tensors in a stable order.
        var active = new SortedDictionary<int, string>();
        foreach (var span in starting[-1])
        {
            active[span.Order] = span.Name;
        }

        var handedOn = active.Values.ToHashSet(StringComparer.Ordinal);
        var blocks = new List<(int, IReadOnlyList<string>)>();
        for (var p = 0; p < n - 1; p++)
        {
            foreach (var span in ending[p])
            {
                active.Remove(span.Order);
            }

            foreach (var span in starting[p])
            {
                active[span.Order] = span.Name;
            }

            if (rule.Allows(active.Count) && active.Values.Any(t => !handedOn.Contains(t)))
            {
                blocks.Add((p, [.. active.Values]));
                handedOn = active.Values.ToHashSet(StringComparer.Ordinal);
            }
        }

        var outputs = graph.Outputs.ToHashSet(StringComparer.Ordinal);
        while (blocks.Count > 0 && !ProducesAny(graph, blocks[^1].Item1 + 1, n - 1, outputs))
        {
            blocks.RemoveAt(blocks.Count - 1);
        }

        blocks.Add((n - 1, graph.Outputs));
        return blocks;
    }

    private static bool ProducesAny(OnnxGraph graph, int first, int last, HashSet<string> names)
    {
        for (var layer = first; layer <= last; layer++)
        {
            if (graph.Nodes[layer].Output.Any(names.Contains))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each activation's life: the layer that produces it (-1 for graph inputs) and the last that needs it (n for outputs).</summary>
    private static List<(int From, int To, int Order, string Name)> Spans(OnnxGraph graph)
    {
        var n = graph.Nodes.Count;
        var produced = new Dictionary<string, (int Layer, int Order)>(StringComparer.Ordinal);
        foreach (var input in graph.Inputs)
        {
            produced[input] = (-1, produced.Count);
        }

        var lastRead = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var layer = 0; layer < n; layer++)
        {
            foreach (var name in graph.Reads[layer].Where(produced.ContainsKey))
            {
                lastRead[name] = layer;
            }

            foreach (var output in graph.Nodes[layer].Output.Where(o => o.Length > 0 && !graph.Constants.Contains(o)))
            {
                produced[output] = (layer, produced.Count);
            }
        }

        foreach (var output in graph.Outputs.Where(produced.ContainsKey))
        {
            lastRead[output] = n;
        }

        return [.. produced
            .Where(p => lastRead.TryGetValue(p.Key, out var to) && to > p.Value.Layer)
            .Select(p => (p.Value.Layer, lastRead[p.Key], p.Value.Order, p.Key))];
    }
}
