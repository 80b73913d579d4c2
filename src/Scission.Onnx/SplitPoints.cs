namespace Scission.Onnx;

/// <summary>
/// Where a model can be cut: after layer <c>p</c> when exactly one activation tensor crosses from layers
/// <c>0..p</c> to later ones (or to the model's outputs) — no parallel path is open. Constants never count.
/// A tensor crosses <c>p</c> when it is produced at or before <c>p</c> (the input before layer 0) and read
/// after it, so counting over all positions is one sweep of a difference array.
/// </summary>
internal static class SplitPoints
{
    /// <summary>The blocks: each one's last layer and the single tensor it hands on (the last block: the model output).</summary>
    public static IReadOnlyList<(int LastLayer, string Output)> Blocks(OnnxGraph graph)
    {
        var n = graph.Nodes.Count;
        var produced = new Dictionary<string, int>(StringComparer.Ordinal) { [graph.Input] = -1 };
        var lastRead = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var layer = 0; layer < n; layer++)
        {
            foreach (var output in graph.Nodes[layer].Output.Where(o => o.Length > 0 && !graph.Constants.Contains(o)))
            {
                produced[output] = layer;
            }

            foreach (var name in graph.Reads[layer].Where(produced.ContainsKey))
            {
                lastRead[name] = layer;
            }
        }

        foreach (var output in graph.Outputs.Where(produced.ContainsKey))
        {
            lastRead[output] = n;
        }

        // crossing[p] counts tensors with produced <= p < lastRead; the input counts from position -1.
        var delta = new int[n + 2];
        var spans = new List<(int From, int To, string Name)>();
        foreach (var (name, from) in produced)
        {
            if (lastRead.TryGetValue(name, out var to) && to > from)
            {
                delta[from + 1]++;
                delta[to + 1]--;
                spans.Add((from, to, name));
            }
        }

        var blocks = new List<(int, string)>();
        var crossing = delta[0];
        var handedOn = graph.Input;
        for (var p = 0; p < n - 1; p++)
        {
            crossing += delta[p + 1];
            if (crossing != 1)
            {
                continue;
            }

            // A block that hands on the tensor it received (a lone Constant node, say) does nothing: no cut there.
            var tensor = spans.Single(t => t.From <= p && p < t.To).Name;
            if (tensor != handedOn)
            {
                blocks.Add((p, tensor));
                handedOn = tensor;
            }
        }

        blocks.Add((n - 1, graph.Outputs[0]));
        return blocks;
    }
}
