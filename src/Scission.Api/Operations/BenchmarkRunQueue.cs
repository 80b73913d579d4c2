using System.Threading.Channels;
using Scission.Domain.Catalog;

namespace Scission.Api.Operations;

/// <summary>
/// Benchmark runs waiting for this machine, one at a time. The queue is bounded: when it is full a new run is
/// refused rather than left to wait for hours. Each run's state is kept in the store, so any replica can report it.
/// </summary>
internal sealed class BenchmarkRunQueue(IOperationStore operations, TimeProvider clock)
{
    public const int Capacity = 8;

    private int _waiting;
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// This process: the machine's name (for people) and an id of its own, since a restarted container may keep
    /// its name or not. Its heartbeat says it is alive; runs of an owner that stopped beating are failed.
    /// </summary>
    public static string Owner { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    public ChannelReader<string> Reader => _queue.Reader;

    /// <summary>Accepts a run, or returns <c>null</c> when the queue is full (nothing is recorded then).</summary>
    public async Task<OperationRecord?> EnqueueAsync(string model, string resource, int repeats, int warmup, int? sessions, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > Capacity)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        var now = clock.GetUtcNow();
        var operation = new OperationRecord(Guid.NewGuid().ToString("N"), "benchmark-run", model, resource, "queued", null, null, null, Owner, repeats, warmup, now, now) { Sessions = sessions };
        try
        {
            await operations.CreateAsync(operation, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _waiting);
            throw;
        }

        // A place was reserved above, so the bounded channel always has room for it.
        _queue.Writer.TryWrite(operation.Id);
        return operation;
    }

    /// <summary>Called by the runner as it takes a run off the queue, freeing its place.</summary>
    public void Taken() => Interlocked.Decrement(ref _waiting);
}
