namespace Scission.Domain.Search;

/// <summary>Keeps the best <c>top</c> plans in an order, copying out only plans that enter.</summary>
internal sealed class TopPlans(EnumeratedOrder order, IReadOnlyList<Objective> objectives, int top) : IPlanSink
{
    private readonly PriorityQueue<EnumeratedPlan, EnumeratedPlan> _worstFirst = new(Comparer<EnumeratedPlan>.Create((a, b) => order.Compare(b, a)));

    public void Offer(PlanEnumerator plan)
    {
        if (_worstFirst.Count < top)
        {
            var copy = plan.Snapshot();
            _worstFirst.Enqueue(copy, copy);
        }
        else if (Precedes(plan, _worstFirst.Peek()))
        {
            var copy = plan.Snapshot();
            _worstFirst.DequeueEnqueue(copy, copy);
        }
    }

    /// <summary>The plans kept, best first.</summary>
    public List<EnumeratedPlan> Best()
    {
        var best = new List<EnumeratedPlan>(_worstFirst.Count);
        while (_worstFirst.TryDequeue(out var plan, out _))
        {
            best.Add(plan);
        }

        best.Reverse();
        return best;
    }

    private bool Precedes(PlanEnumerator plan, EnumeratedPlan kept)
    {
        foreach (var objective in objectives)
        {
            var order = plan.Key(objective).CompareTo(kept.Key(objective));
            if (order != 0)
            {
                return order < 0;
            }
        }

        var latency = plan.LatencySeconds.CompareTo(kept.LatencySeconds);
        return latency != 0 ? latency < 0 : plan.ComparePath(kept) < 0;
    }
}

/// <summary>
/// The plans no other plan dominates (no worse on every objective, better on one), kept as plans arrive: a plan
/// a member dominates is dropped, and one that enters drops the members it dominates. Domination is transitive,
/// so what is kept is exactly the front of every plan offered.
/// </summary>
internal sealed class ParetoFront(IReadOnlyList<Objective> objectives) : IPlanSink
{
    private readonly List<double[]> _keys = [];
    private readonly double[] _current = new double[objectives.Count];

    public List<EnumeratedPlan> Members { get; } = [];

    public void Offer(PlanEnumerator plan)
    {
        for (var o = 0; o < _current.Length; o++)
        {
            _current[o] = plan.Key(objectives[o]);
        }

        foreach (var member in _keys)
        {
            if (Dominates(member, _current))
            {
                return;
            }
        }

        for (var m = Members.Count - 1; m >= 0; m--)
        {
            if (Dominates(_current, _keys[m]))
            {
                Members.RemoveAt(m);
                _keys.RemoveAt(m);
            }
        }

        Members.Add(plan.Snapshot());
        _keys.Add((double[])_current.Clone());
    }

    private static bool Dominates(double[] a, double[] b)
    {
        var better = false;
        for (var o = 0; o < a.Length; o++)
        {
            if (a[o] > b[o])
            {
                return false;
            }

            better |= a[o] < b[o];
        }

        return better;
    }
}

/// <summary>Every plan, copied out: for analyses that weigh each plan against every other.</summary>
internal sealed class AllPlans : IPlanSink
{
    public List<EnumeratedPlan> Plans { get; } = [];

    public void Offer(PlanEnumerator plan) => Plans.Add(plan.Snapshot());
}
