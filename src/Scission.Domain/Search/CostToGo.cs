namespace Scission.Domain.Search;

/// <summary>
/// Exact best completion costs of a relaxed problem, computed backwards over the blocks: the relaxation keeps
/// layer, usage, resource and upload constraints and per-stage seconds limits, and drops only the rules that
/// depend on the whole path (a resource used once, percentage limits). They are the A* search's lower bounds.
/// A block on stage s costs its latency times <c>multiplier[s]</c> (1 for latency itself; other weights give
/// the percentage bounds of <see cref="PercentBounds"/>), and a hop costs its transfer time unless transfers are off.
/// </summary>
internal sealed class CostToGo
{
    private readonly CompiledInstance _instance;
    private readonly double[]? _multiplier;
    private readonly bool _withTransfers;
    private readonly int _stride;
    private readonly int[] _slotBase;
    private readonly double[] _end;
    private readonly double[] _run;
    private readonly double[] _start;

    public CostToGo(CompiledInstance instance, double[]? multiplier = null, bool withTransfers = true)
    {
        _instance = instance;
        _multiplier = multiplier;
        _withTransfers = withTransfers;
        _stride = instance.BlockCount + 1;
        _slotBase = new int[instance.StageCount];
        var slots = 0;
        for (var s = 0; s < instance.StageCount; s++)
        {
            _slotBase[s] = slots;
            slots += instance.Candidates[s].Length;
        }

        _end = new double[slots * _stride];
        _run = new double[slots * _stride];
        _start = new double[slots * _stride];
        for (var s = instance.StageCount - 1; s >= 0; s--)
        {
            for (var slot = 0; slot < instance.Candidates[s].Length; slot++)
            {
                FillEnd(s, slot);
                FillRunAndStart(s, slot);
            }
        }
    }

    /// <summary>Bytes the tables hold, for the search's memory account.</summary>
    public long Bytes => 3L * _end.Length * sizeof(double);

    /// <summary>Best completion once stage <paramref name="stage"/> has stopped after <paramref name="blocksDone"/> blocks.</summary>
    public double End(int stage, int slot, int blocksDone) => _end[Index(stage, slot, blocksDone)];

    /// <summary>Best completion while stage <paramref name="stage"/> may still run more blocks from <paramref name="blocksDone"/>.</summary>
    public double Run(int stage, int slot, int blocksDone) => _run[Index(stage, slot, blocksDone)];

    /// <summary>The best completion from the start of the pipeline, over every first-stage resource.</summary>
    public double Root()
    {
        var best = double.PositiveInfinity;
        for (var slot = 0; slot < _instance.Candidates[0].Length; slot++)
        {
            best = Math.Min(best, Run(0, slot, 0));
        }

        return best;
    }

    private int Index(int stage, int slot, int blocksDone) => ((_slotBase[stage] + slot) * _stride) + blocksDone;

    private void FillEnd(int stage, int slot)
    {
        var instance = _instance;
        var n = instance.BlockCount;
        var end = _end.AsSpan(Index(stage, slot, 0), _stride);
        end.Fill(double.PositiveInfinity);
        end[n] = instance.MayEndOn(stage) ? 0 : double.PositiveInfinity;

        var resource = instance.Candidates[stage][slot];
        Span<double> bytes = n <= 4096 ? stackalloc double[n] : new double[n];
        for (var j = 0; j < n; j++)
        {
            var sent = instance.BytesAfter(resource, j);
            var idleStart = j == 0 && (stage > 0 || instance.MustUse[0]);
            bytes[j] = idleStart || sent > instance.UploadCap[stage] ? double.PositiveInfinity : sent;
        }

        for (var next = stage + 1; next <= instance.LastReachable(stage); next++)
        {
            var nextCandidates = instance.Candidates[next];
            for (var nextSlot = 0; nextSlot < nextCandidates.Length; nextSlot++)
            {
                var target = nextCandidates[nextSlot];
                if (target == resource || !instance.HasLink(resource, target))
                {
                    continue;
                }

                var link = (resource * instance.ResourceCount) + target;
                var seconds = instance.LinkSeconds[link];
                var bandwidth = instance.LinkBytesPerSecond[link];
                var start = _start.AsSpan(Index(next, nextSlot, 0), _stride);
                for (var j = 0; j < n; j++)
                {
                    // The hop exactly as the search charges it, so both add the same double.
                    var hop = seconds + (bytes[j] / bandwidth);
                    var cost = _withTransfers ? hop + start[j] : (double.IsFinite(hop) ? start[j] : double.PositiveInfinity);
                    if (cost < end[j])
                    {
                        end[j] = cost;
                    }
                }
            }
        }
    }

    private void FillRunAndStart(int stage, int slot)
    {
        var instance = _instance;
        var n = instance.BlockCount;
        var latency = instance.Latency[instance.Candidates[stage][slot]];
        var multiplier = _multiplier?[stage] ?? 1;
        var allowed = instance.Allowed[stage];
        var end = _end.AsSpan(Index(stage, slot, 0), _stride);
        var run = _run.AsSpan(Index(stage, slot, 0), _stride);
        var start = _start.AsSpan(Index(stage, slot, 0), _stride);
        var limit = instance.SecondsLimit[stage];
        if (double.IsPositiveInfinity(limit))
        {
            run[n] = end[n];
            start[n] = double.PositiveInfinity;
            for (var i = n - 1; i >= 0; i--)
            {
                start[i] = allowed[i] ? (latency[i] * multiplier) + run[i + 1] : double.PositiveInfinity;
                run[i] = Math.Min(end[i], start[i]);
            }

            return;
        }

        FillWindowed(latency, multiplier, allowed, end, run, start, limit);
    }

    /// <summary>
    /// With a seconds limit a run [i, j) must fit: prefix[j] - prefix[i] within the limit. Both ends of the window of
    /// feasible j move down with i, so a monotone deque gives each window's best in amortised O(1). Prefix sums are
    /// double-double, so a difference is exact to about 2^-106 of the prefix and not only to 2^-53 of it.
    /// </summary>
    private static void FillWindowed(double[] latency, double multiplier, bool[] allowed, Span<double> end, Span<double> run, Span<double> start, double limit)
    {
        var n = latency.Length;
        var prefix = new DoubleDouble[n + 1];
        var costPrefix = new DoubleDouble[n + 1];
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i].Add(latency[i]);
            costPrefix[i + 1] = costPrefix[i].Add(latency[i] * multiplier);
        }

        // The search tests a stage's own sum in block order, which may lie up to γ(n) below the exact sum; the
        // window is widened by that and by the double-double's own error, so it never drops a run the test admits.
        var u = RoundingBounds.UnitRoundoff;
        limit += (4 * RoundingBounds.Gamma(n + 4) * limit) + (8 * u * u * prefix[n].Hi);
        var value = new DoubleDouble[n + 1];
        for (var j = 0; j <= n; j++)
        {
            value[j] = costPrefix[j].Add(end[j]);
        }

        // Deque of candidate ends j, ascending left to right, with strictly falling values: the best is at the back.
        var deque = new int[n + 1];
        int front = n + 1, back = n;
        var windowEnd = n;
        for (var i = n; i >= 0; i--)
        {
            // A run from i reaches no further than one from i + 1, and stops before a forbidden block.
            if (i < n && !allowed[i])
            {
                windowEnd = i;
            }

            while (windowEnd > i && prefix[windowEnd].Subtract(prefix[i]).Value > limit)
            {
                windowEnd--;
            }

            while (back >= front && deque[back] > windowEnd)
            {
                back--;
            }

            start[i] = back >= front && i < n ? Completion(value[deque[back]], costPrefix[i]) : double.PositiveInfinity;
            while (back >= front && value[deque[front]].CompareTo(value[i]) >= 0)
            {
                front++;
            }

            deque[--front] = i;
            run[i] = Completion(value[deque[back]], costPrefix[i]);
        }
    }

    private static double Completion(DoubleDouble value, DoubleDouble prefix) =>
        value.IsFinite ? value.Subtract(prefix).Value : double.PositiveInfinity;
}
