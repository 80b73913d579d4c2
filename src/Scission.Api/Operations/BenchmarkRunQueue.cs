using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Scission.Api.Operations;

/// <summary>
/// Benchmark runs waiting for the machine, one at a time, and every run's state. A bounded queue: when it is
/// full a new run is refused rather than left to wait for hours. States live in this process, which is the one
/// that runs them.
/// </summary>
internal sealed class BenchmarkRunQueue(TimeProvider clock)
{
    public const int Capacity = 8;

    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<string, OperationResponse> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Repeats, int Warmup)> _settings = new(StringComparer.Ordinal);

    public ChannelReader<string> Reader => _queue.Reader;

    public OperationResponse? Enqueue(string model, string resource, int repeats, int warmup)
    {
        var now = clock.GetUtcNow();
        var id = Guid.NewGuid().ToString("N");
        var operation = new OperationResponse(id, "benchmark-run", model, resource, "queued", null, null, null, now, now);
        _operations[id] = operation;
        _settings[id] = (repeats, warmup);
        if (_queue.Writer.TryWrite(id))
        {
            return operation;
        }

        _operations.TryRemove(id, out _);
        _settings.TryRemove(id, out _);
        return null;
    }

    /// <summary>How the run was asked to measure.</summary>
    public (int Repeats, int Warmup) SettingsOf(string id) => _settings[id];

    public OperationResponse? Get(string id) => _operations.GetValueOrDefault(id);

    public void Update(string id, Func<OperationResponse, OperationResponse> change) =>
        _operations.AddOrUpdate(id, _ => throw new KeyNotFoundException(id), (_, current) => change(current) with { UpdatedAt = clock.GetUtcNow() });
}
