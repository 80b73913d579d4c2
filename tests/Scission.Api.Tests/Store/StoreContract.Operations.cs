using Scission.Domain.Catalog;

namespace Scission.Api.Tests.Store;

/// <summary>The contract for benchmark runs across replicas: finished runs are final, the runs of silent owners fail, long-gone owners are forgotten.</summary>
public abstract partial class StoreContract
{
    [SkippableFact]
    public Task FinishedOperationsAreFinalAndTheRunsOfSilentOwnersFail() => WithStoreAsync(async store =>
    {
        var now = DateTimeOffset.UtcNow;
        OperationRecord Run(string id, string owner, DateTimeOffset at) => new(id, "benchmark-run", "m", "r", "running", "block 1 of 3", null, null, owner, 3, 1, at, at);

        await store.Operations.CreateAsync(Run("mine", "self", now), None);
        await store.Operations.CreateAsync(Run("alive", "alive-owner", now), None);
        await store.Operations.CreateAsync(Run("gone", "gone-owner", now.AddMinutes(-10)), None);
        await store.Operations.CreateAsync(Run("never-seen-old", "nobody", now.AddMinutes(-10)), None);
        await store.Operations.CreateAsync(Run("never-seen-new", "starting", now), None);
        await store.Operations.HeartbeatAsync("alive-owner", now, None);
        await store.Operations.HeartbeatAsync("gone-owner", now.AddMinutes(-5), None);

        Assert.Equal(2, await store.Operations.AbandonOrphansAsync("self", now.AddMinutes(-1), "its process stopped", now, None));
        Assert.Equal("failed", (await store.Operations.GetAsync("gone", None))!.Status);
        Assert.Equal("its process stopped", (await store.Operations.GetAsync("never-seen-old", None))!.Error);
        foreach (var id in new[] { "mine", "alive", "never-seen-new" })
        {
            Assert.Equal("running", (await store.Operations.GetAsync(id, None))!.Status);
        }

        await store.Operations.UpdateAsync(Run("mine", "self", now) with { Status = "succeeded", Progress = null }, None);
        await store.Operations.UpdateAsync(Run("mine", "self", now) with { Status = "failed" }, None);
        Assert.Equal("succeeded", (await store.Operations.GetAsync("mine", None))!.Status);
        Assert.Null(await store.Operations.GetAsync("unknown", None));
    });

    [SkippableFact]
    public Task ProcessesLongUnheardAreForgottenOnceTheyOwnNothingUnfinished() => WithStoreAsync(async store =>
    {
        var now = DateTimeOffset.UtcNow;
        var old = now.AddDays(-2);
        await store.Operations.HeartbeatAsync("idle", old, None);
        await store.Operations.HeartbeatAsync("busy", old, None);
        await store.Operations.HeartbeatAsync("fresh", now, None);
        var run = new OperationRecord("queued-run", "benchmark-run", "m", "r", "queued", null, null, null, "busy", 3, 1, now, now);
        await store.Operations.CreateAsync(run, None);

        Assert.Equal(1, await store.Operations.ForgetInstancesAsync(now.AddDays(-1), None));
        Assert.Equal(0, await store.Operations.ForgetInstancesAsync(now.AddDays(-1), None));

        await store.Operations.UpdateAsync(run with { Status = "failed", Error = "stopped" }, None);
        Assert.Equal(1, await store.Operations.ForgetInstancesAsync(now.AddDays(-1), None));
        Assert.Equal(1, await store.Operations.ForgetInstancesAsync(now.AddMinutes(1), None));

        // One that beats again after being forgotten is simply known again, and its runs are its own.
        await store.Operations.HeartbeatAsync("idle", now, None);
        await store.Operations.CreateAsync(run with { Id = "back", Owner = "idle", Status = "running" }, None);
        Assert.Equal(0, await store.Operations.AbandonOrphansAsync("self", now.AddMinutes(-1), "gone", now, None));
    });
}
