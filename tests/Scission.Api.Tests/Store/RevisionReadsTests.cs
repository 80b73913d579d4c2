using Scission.Infrastructure.Storage;

namespace Scission.Api.Tests.Store;

/// <summary>Shared revision reads: fewer round trips under load, never an answer older than the request.</summary>
public sealed class RevisionReadsTests
{
    /// <summary>A store whose reads finish only when the test says, each returning the value at the time it began.</summary>
    private sealed class GatedStore
    {
        private readonly List<TaskCompletionSource> _gates = [];
        private int _value;

        public int Reads { get; private set; }

        public void Write() => Interlocked.Increment(ref _value);

        public async Task<int> ReadAsync(string key)
        {
            var seen = Volatile.Read(ref _value);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gates)
            {
                Reads++;
                _gates.Add(gate);
            }

            await gate.Task;
            return seen;
        }

        public int Pending
        {
            get
            {
                lock (_gates)
                {
                    return _gates.Count(g => !g.Task.IsCompleted);
                }
            }
        }

        public void FinishOne()
        {
            lock (_gates)
            {
                _gates.First(g => !g.Task.IsCompleted).SetResult();
            }
        }
    }

    [Fact]
    public async Task ARequestArrivingDuringAReadWaitsForTheNextOneAndSeesTheWritesBeforeIt()
    {
        var store = new GatedStore();
        var reads = new RevisionReads<string, int>(store.ReadAsync);

        var early = reads.ReadAsync("m", CancellationToken.None);
        store.Write();
        var late = Enumerable.Range(0, 5).Select(_ => reads.ReadAsync("m", CancellationToken.None)).ToArray();

        Assert.Equal(1, store.Reads);
        store.FinishOne();
        Assert.Equal(0, await early);
        Assert.DoesNotContain(late, t => t.IsCompleted);
        await WaitUntilAsync(() => store.Pending == 1);
        Assert.Equal(2, store.Reads);
        store.FinishOne();
        Assert.All(await Task.WhenAll(late), value => Assert.Equal(1, value));
        await WaitUntilAsync(() => reads.ActiveKeys == 0);
    }

    [Fact]
    public async Task KeysAreReadIndependently()
    {
        var store = new GatedStore();
        var reads = new RevisionReads<string, int>(store.ReadAsync);

        var a = reads.ReadAsync("a", CancellationToken.None);
        var b = reads.ReadAsync("b", CancellationToken.None);

        Assert.Equal(2, store.Reads);
        store.FinishOne();
        store.FinishOne();
        await Task.WhenAll(a, b);
    }

    [Fact]
    public async Task AFailedReadFailsItsBatchAloneAndAWaiterMayGiveUpWithoutHarmingTheOthers()
    {
        var calls = 0;
        var reads = new RevisionReads<string, int>(async _ =>
        {
            await Task.Yield();
            return Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("store away") : 7;
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => reads.ReadAsync("m", CancellationToken.None));
        Assert.Equal(7, await reads.ReadAsync("m", CancellationToken.None));

        var store = new GatedStore();
        var gated = new RevisionReads<string, int>(store.ReadAsync);
        using var impatient = new CancellationTokenSource();
        var gaveUp = gated.ReadAsync("m", impatient.Token);
        var patient = gated.ReadAsync("m", CancellationToken.None);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        // The first read goes on for whoever else waits on it; the second request waits for the read after it.
        store.FinishOne();
        await WaitUntilAsync(() => store.Pending == 1);
        store.FinishOne();
        Assert.Equal(0, await patient);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnderLoadConcurrentRequestsShareReadsAndEachSeesEveryWriteThatCameBefore(bool gather)
    {
        var value = 0;
        var reads = 0;
        var shared = new RevisionReads<string, int>(
            async _ =>
            {
                Interlocked.Increment(ref reads);
                var seen = Volatile.Read(ref value);
                await Task.Delay(1);
                return seen;
            },
            gather);

        var requests = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            if (i % 10 == 0)
            {
                Interlocked.Increment(ref value);
            }

            var before = Volatile.Read(ref value);
            var answer = await shared.ReadAsync("m", CancellationToken.None);
            return (Before: before, Answer: answer);
        })));

        Assert.All(requests, r => Assert.True(r.Answer >= r.Before, $"answered {r.Answer} to a request that began after write {r.Before}"));
        Assert.True(reads < requests.Length, $"{reads} reads for {requests.Length} requests");
    }

    [Fact]
    public void GatheringLetsRequestsThatArriveBeforeTheFirstReadBeginsShareIt()
    {
        // On one thread whose queue runs only when the test says, so "before the read begins" is certain.
        var queue = new QueueContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(queue);
        try
        {
            var store = new GatedStore();
            var reads = new RevisionReads<string, int>(store.ReadAsync, gather: true);
            var first = reads.ReadAsync("m", CancellationToken.None);
            var second = reads.ReadAsync("m", CancellationToken.None);
            Assert.Equal(0, store.Reads);

            queue.RunPending();
            Assert.Equal(1, store.Reads);
            store.FinishOne();
            queue.RunPending();

            Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
            Assert.Equal(1, store.Reads);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Runs what is posted to it only when asked, on the asking thread.</summary>
    private sealed class QueueContext : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _posted = new();

        public override void Post(SendOrPostCallback d, object? state)
        {
            lock (_posted)
            {
                _posted.Enqueue((d, state));
            }
        }

        public void RunPending()
        {
            // Settle: what runs may post more (a continuation after an await), and a completion from another
            // thread may post a little later.
            for (var idle = 0; idle < 50; idle++)
            {
                (SendOrPostCallback Callback, object? State) next;
                lock (_posted)
                {
                    if (!_posted.TryDequeue(out next))
                    {
                        Thread.Sleep(2);
                        continue;
                    }
                }

                idle = 0;
                next.Callback(next.State);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 10 s");
            await Task.Delay(5);
        }
    }
}
