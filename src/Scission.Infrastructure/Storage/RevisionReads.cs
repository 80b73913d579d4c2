namespace Scission.Infrastructure.Storage;

/// <summary>
/// Reads of one model's and network's revisions, shared by the requests that want them at the same time without
/// ever answering one of them from a read that began before it arrived. At most one read per key is in flight;
/// requests arriving meanwhile join the next read, which starts when the current one ends. So a write
/// acknowledged before a request arrived is always seen by it (the cache can never serve an answer older than
/// that write), while under load a remote store answers one round trip per batch instead of one per request.
/// </summary>
/// <param name="read">Reads one key's value.</param>
/// <param name="gather">
/// Let one turn of the thread pool pass before a first read, so that requests already queued behind the one that
/// started it join it: worth it where a read is a round trip to a server (PostgreSQL, cached queries 0.42–0.53 →
/// 0.46–0.61 × health at 8 clients), not where it is a local file (SQLite, slightly slower with it).
/// </param>
internal sealed class RevisionReads<TKey, TValue>(Func<TKey, Task<TValue>> read, bool gather = false)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Slot> _slots = [];

    public Task<TValue> ReadAsync(TKey key, CancellationToken cancellationToken)
    {
        TaskCompletionSource<TValue> batch;
        var start = false;
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
                start = true;
            }
        }

        if (start)
        {
            _ = RunAsync(key, slot);
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

    private async Task RunAsync(TKey key, Slot slot)
    {
        // A batch closes only as its read begins, so every request in it arrived before the read did. (A turn of the
        // pool before each later read was slower: those batches gathered during the previous read.)
        if (gather)
        {
            await Task.Yield();
        }
        while (true)
        {
            TaskCompletionSource<TValue> batch;
            lock (_gate)
            {
                batch = slot.Waiting!;
                slot.Waiting = null;
            }

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
                if (slot.Waiting is null)
                {
                    slot.Reading = false;
                    _slots.Remove(key);
                    return;
                }
            }
        }
    }

    private sealed class Slot
    {
        public bool Reading { get; set; }

        public TaskCompletionSource<TValue>? Waiting { get; set; }
    }
}
