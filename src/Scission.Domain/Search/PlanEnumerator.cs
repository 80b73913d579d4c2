using Scission.Domain.Model;

namespace Scission.Domain.Search;

/// <summary>
/// Every feasible plan of a compiled query, by depth-first walk over stages, resources and block ranges, with
/// every constraint applied exactly as the best-first search applies it and every metric computed in the
/// documented order (a stage's blocks in block order, stages in pipeline order, hops in hop order). It backs
/// the objectives other than latency, Pareto fronts and sensitivity, which weigh all plans; it stops at a
/// budget of plans so that a query too large to rank exactly is refused rather than answered slowly. Each plan
/// is offered to a sink while it is current; only plans a sink keeps are copied out (<see cref="Snapshot"/>).
/// </summary>
internal sealed class PlanEnumerator
{
    private readonly IPlanSink _sink;
    private long _count;
    private readonly CompiledInstance _instance;
    private readonly PowerFigures?[] _power;
    private readonly long _budget;
    private readonly int[] _resource;
    private readonly int[] _end;
    private readonly double[] _stageSeconds;
    private readonly List<(int Link, long Bytes, double Seconds, int FromStage)> _hops = [];
    private readonly bool[] _taken;

    private PlanEnumerator(CompiledInstance instance, PowerFigures?[] power, long budget, IPlanSink sink)
    {
        _sink = sink;
        _instance = instance;
        _power = power;
        _budget = budget;
        _resource = new int[instance.StageCount];
        _end = new int[instance.StageCount];
        _stageSeconds = new double[instance.StageCount];
        _taken = new bool[instance.ResourceCount];
    }

    /// <summary>Whether the walk stopped at its budget of plans.</summary>
    public bool OverBudget { get; private set; }

    /// <summary>The current plan's metrics, while it is offered.</summary>
    public double LatencySeconds { get; private set; }

    public double BottleneckSeconds { get; private set; }

    public long TransferBytes { get; private set; }

    public long DeviceUploadBytes { get; private set; }

    public double? DeviceEnergyJoules { get; private set; }

    private double _compute;
    private double _transfer;

    /// <summary>The current plan's value for <paramref name="objective"/> (lower is better).</summary>
    public double Key(Objective objective) => EnumeratedPlan.ObjectiveKey(objective, LatencySeconds, BottleneckSeconds, TransferBytes, DeviceUploadBytes, DeviceEnergyJoules);

    /// <summary>Every feasible plan offered to <paramref name="sink"/>, or as many as <paramref name="budget"/> allows (see <see cref="OverBudget"/>).</summary>
    public static PlanEnumerator Run(CompiledInstance instance, PowerFigures?[] power, long budget, IPlanSink sink)
    {
        var enumerator = new PlanEnumerator(instance, power, budget, sink);
        if (!instance.Contradictory)
        {
            enumerator.First();
        }

        return enumerator;
    }

    private void First()
    {
        var n = _instance.BlockCount;
        foreach (var resource in _instance.Candidates[0])
        {
            _resource[0] = resource;
            _taken[resource] = true;
            var seconds = 0.0;
            for (var end = 0; end <= n && !OverBudget; end++)
            {
                if (end > 0)
                {
                    if (!_instance.Allowed[0][end - 1])
                    {
                        break;
                    }

                    seconds += _instance.Latency[resource][end - 1];
                    if (!(seconds <= _instance.SecondsLimit[0]))
                    {
                        break;
                    }
                }

                if (end == 0 && _instance.MustUse[0])
                {
                    continue;
                }

                _end[0] = end;
                _stageSeconds[0] = seconds;
                Next(1, end, 0);
            }

            _taken[resource] = false;
        }
    }

    /// <summary>Places stage <paramref name="stage"/> after <paramref name="done"/> blocks; <paramref name="sender"/> is the stage that sends next.</summary>
    private void Next(int stage, int done, int sender)
    {
        if (OverBudget)
        {
            return;
        }

        var n = _instance.BlockCount;
        if (stage == _instance.StageCount)
        {
            if (done == n)
            {
                Record();
            }

            return;
        }

        if (!_instance.MustUse[stage])
        {
            _resource[stage] = -1;
            _end[stage] = done;
            _stageSeconds[stage] = 0;
            Next(stage + 1, done, sender);
        }

        if (done == n)
        {
            return;
        }

        var from = _resource[sender];
        var bytes = _instance.BytesAfter(from, done);
        if (bytes > _instance.UploadCap[sender])
        {
            return;
        }

        foreach (var resource in _instance.Candidates[stage])
        {
            if (_taken[resource] || !_instance.HasLink(from, resource))
            {
                continue;
            }

            _taken[resource] = true;
            _resource[stage] = resource;
            _hops.Add(((from * _instance.ResourceCount) + resource, bytes, _instance.HopSeconds(from, resource, bytes), sender));
            var seconds = 0.0;
            for (var end = done + 1; end <= n && _instance.Allowed[stage][end - 1]; end++)
            {
                seconds += _instance.Latency[resource][end - 1];
                if (!(seconds <= _instance.SecondsLimit[stage]))
                {
                    break;
                }

                _end[stage] = end;
                _stageSeconds[stage] = seconds;
                Next(stage + 1, end, stage);
            }

            _hops.RemoveAt(_hops.Count - 1);
            _taken[resource] = false;
        }
    }

    private void Record()
    {
        var compute = 0.0;
        foreach (var seconds in _stageSeconds)
        {
            compute += seconds;
        }

        for (var s = 0; s < _instance.StageCount; s++)
        {
            if (_instance.PercentLimit[s] is { } limit && !limit.Allows(_stageSeconds[s], compute))
            {
                return;
            }
        }

        var transfer = 0.0;
        long bytes = 0;
        var bottleneck = _end[0] > 0 ? _stageSeconds[0] : 0;
        for (var s = 1; s < _instance.StageCount; s++)
        {
            if (_resource[s] >= 0)
            {
                bottleneck = Math.Max(bottleneck, _stageSeconds[s]);
            }
        }

        foreach (var hop in _hops)
        {
            transfer += hop.Seconds;
            bytes += hop.Bytes;
            bottleneck = Math.Max(bottleneck, hop.Seconds);
        }

        // The first hop, when there is one, always leaves the first stage: it is the first sender.
        var firstHopSeconds = _hops.Count > 0 ? _hops[0].Seconds : 0;
        _compute = compute;
        _transfer = transfer;
        LatencySeconds = compute + transfer;
        TransferBytes = bytes;
        BottleneckSeconds = bottleneck;
        DeviceUploadBytes = _hops.Count > 0 ? _hops[0].Bytes : 0;
        DeviceEnergyJoules = _power[_resource[0]] is { Any: true } power ? power.EnergyJoules(_stageSeconds[0], firstHopSeconds, LatencySeconds) : null;
        _sink.Offer(this);
        OverBudget = ++_count >= _budget;
    }

    /// <summary>A copy of the current plan, for a sink that keeps it.</summary>
    public EnumeratedPlan Snapshot() => new()
    {
        // Span copies, not Clone (MemberwiseClone) or LINQ: a sensitivity query snapshots every feasible plan, and
        // these copies were most of its time.
        Resource = _resource.AsSpan().ToArray(),
        End = _end.AsSpan().ToArray(),
        StageSeconds = _stageSeconds.AsSpan().ToArray(),
        ComputeSeconds = _compute,
        TransferSeconds = _transfer,
        LatencySeconds = LatencySeconds,
        TransferBytes = TransferBytes,
        BottleneckSeconds = BottleneckSeconds,
        DeviceUploadBytes = DeviceUploadBytes,
        DeviceEnergyJoules = DeviceEnergyJoules,
        Hops = HopArray(),
    };

    private (int Link, long Bytes)[] HopArray()
    {
        var hops = new (int Link, long Bytes)[_hops.Count];
        for (var h = 0; h < hops.Length; h++)
        {
            hops[h] = (_hops[h].Link, _hops[h].Bytes);
        }

        return hops;
    }

    /// <summary>Whether the current plan comes before <paramref name="other"/> on the path order (both equal on every metric compared before).</summary>
    public int ComparePath(EnumeratedPlan other) => EnumeratedOrder.ComparePaths(_resource, _end, other.Resource, other.End, _instance.BlockCount);
}

/// <summary>Receives each feasible plan while it is current.</summary>
internal interface IPlanSink
{
    void Offer(PlanEnumerator plan);
}
