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

    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// This process: the machine's name (for people) and an id of its own, since a restarted container may keep
    /// its name or not. Its heartbeat says it is alive; runs of an owner that stopped beating are failed.
    /// </summary>
    public static string Owner { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    public ChannelReader<string> Reader => _queue.Reader;

    /// <summary>Accepts a run, or returns <c>null</c> when the queue is full (the run is then recorded as failed).</summary>
    public async Task<OperationRecord?> EnqueueAsync(string model, string resource, int repeats, int warmup, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var operation = new OperationRecord(Guid.NewGuid().ToString("N"), "benchmark-run", model, resource, "queued", null, null, null, Owner, repeats, warmup, now, now);
        await operations.CreateAsync(operation, cancellationToken);
        if (_queue.Writer.TryWrite(operation.Id))
        {
            return operation;
        }

        await operations.UpdateAsync(operation with { Status = "failed", Error = $"{Capacity} runs were already waiting" }, cancellationToken);
        return null;
    }
}
