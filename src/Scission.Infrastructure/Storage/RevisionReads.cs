namespace Scission.Infrastructure.Storage;

/// <summary>
/// Reads of one model's and network's revisions, shared by the requests that want them at the same time without
/// ever answering one of them from a read that began before it arrived. At most one read per key is in flight;
/// requests arriving meanwhile join the next read, which starts when the current one ends. So a write
/// acknowledged before a request arrived is always seen by it (the cache can never serve an answer older than
/// that write), while under load a remote store answers one round trip per batch instead of one per request.
/// </summary>
internal sealed class RevisionReads<TKey, TValue>(Func<TKey, Task<TValue>> read)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Slot> _slots = [];

    public Task<TValue> ReadAsync(TKey key, CancellationToken cancellationToken)
    {
        TaskCompletionSource<TValue> batch;
        TaskCompletionSource<TValue>? start = null;
        Slot? slot;
        lock (_gate)
        {
            if (!_slots.TryGetValue(key, out slot))
            {
                _slots[key] = slot = new Slot();
            }

            batch = slot.Waiting ??= new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!slot.Reading)
            {
                slot.Reading = true;
                slot.Waiting = null;
                start = batch;
            }
        }

        if (start is not null)
        {
            _ = RunAsync(key, slot, start);
        }

        return batch.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Keys with a read in flight or waiting: zero when idle (slots do not outlive their reads).</summary>
    public int ActiveKeys
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    private async Task RunAsync(TKey key, Slot slot, TaskCompletionSource<TValue> batch)
    {
        while (true)
        {
            try
            {
                // Not the caller's token: the read is shared, and each caller stops waiting on its own.
                batch.SetResult(await read(key));
            }
            catch (Exception exception)
            {
                batch.SetException(exception);
            }

            lock (_gate)
            {
                if (slot.Waiting is { } next)
                {
                    slot.Waiting = null;
                    batch = next;
                    continue;
                }

                slot.Reading = false;
                _slots.Remove(key);
                return;
            }
        }
    }

    private sealed class Slot
    {
        public bool Reading { get; set; }

        public TaskCompletionSource<TValue>? Waiting { get; set; }
    }
}
