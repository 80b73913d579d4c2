using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Api.Tests.Store;

/// <summary>
/// What every store engine must do, written once and run against each (see the subclasses), so the engines cannot
/// drift apart: results, versions and preconditions, ordering, all-or-nothing writes, the layout rule under
/// concurrent writers, revisions, operations and migrations.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    protected abstract string Engine { get; }

    /// <summary>Why this engine's runs are skipped here, or <c>null</c> when they run.</summary>
    protected abstract string? SkipReason { get; }

    private async Task WithStoreAsync(Func<StoreUnderTest, Task> test)
    {
        Skip.If(SkipReason is not null, SkipReason);
        await using var store = await StoreUnderTest.OpenAsync(Engine);
        await test(store);
    }

    [SkippableFact]
    public Task PowerFiguresAreKeptAsGivenAndAReplacementWithoutThemClearsThem() => WithStoreAsync(async store =>
    {
        var power = new PowerFigures(3.5, null, 0.25);
        await store.Resources.PutAsync(new ResourceRecord("pi", Tier.Device, null) { Power = power }, null, None);
        Assert.Equal(power, (await store.Resources.GetAsync("pi", None))!.Power);
        Assert.Equal(power, (await store.Resources.ListAsync(None)).Single().Power);

        await store.Resources.PutAsync(new ResourceRecord("pi", Tier.Device, null), null, None);
        Assert.Null((await store.Resources.GetAsync("pi", None))!.Power);
    });

    [SkippableFact]
    public Task ResourcesAreCreatedReplacedAndListedInOrdinalOrder() => WithStoreAsync(async store =>
    {
        var created = await store.Resources.PutAsync(new ResourceRecord("b", Tier.Edge, "first"), null, None);
        Assert.Equal(UpsertResult.Created, created.Result);
        var replaced = await store.Resources.PutAsync(new ResourceRecord("b", Tier.Cloud, null), null, None);
        Assert.Equal(UpsertResult.Replaced, replaced.Result);
        Assert.True(replaced.Version > created.Version);
        foreach (var name in new[] { "a", "B", "Z", "a-1", "a_1" })
        {
            await store.Resources.PutAsync(new ResourceRecord(name, Tier.Device, null), null, None);
        }

        var stored = await store.Resources.GetAsync("b", None);
        Assert.Equal(new ResourceRecord("b", Tier.Cloud, null) { Version = replaced.Version }, stored);
        Assert.Null(await store.Resources.GetAsync("B-unknown", None));
        Assert.Equal(new[] { "B", "Z", "a", "a-1", "a_1", "b" }, (await store.Resources.ListAsync(None)).Select(r => r.Name));
    });

    [SkippableFact]
    public Task AStaleOrAbsentVersionRefusesTheWriteAndChangesNothing() => WithStoreAsync(async store =>
    {
        var first = await store.Resources.PutAsync(new ResourceRecord("pi", Tier.Device, "v1"), null, None);
        var second = await store.Resources.PutAsync(new ResourceRecord("pi", Tier.Device, "v2"), new Precondition([first.Version]), None);
        Assert.Null(second.Failure);

        var stale = await store.Resources.PutAsync(new ResourceRecord("pi", Tier.Device, "v3"), new Precondition([first.Version]), None);
        Assert.Equal(WriteFailure.PreconditionFailed, stale.Failure);
        Assert.Equal(WriteFailure.PreconditionFailed, (await store.Resources.DeleteAsync("pi", false, new Precondition([first.Version]), None))!.Failure);
        Assert.Equal(WriteFailure.PreconditionFailed, (await store.Resources.PutAsync(new ResourceRecord("new", Tier.Edge, null), Precondition.Any, None)).Failure);
        Assert.Equal(WriteFailure.PreconditionFailed, (await store.Resources.DeleteAsync("new", false, Precondition.Any, None))!.Failure);
        Assert.Equal("v2", (await store.Resources.GetAsync("pi", None))!.Description);
        Assert.Null(await store.Resources.GetAsync("new", None));

        Assert.Null((await store.Resources.PutAsync(new ResourceRecord("pi", Tier.Device, "v4"), Precondition.Any, None)).Failure);
        var current = (await store.Resources.GetAsync("pi", None))!.Version;
        Assert.Null((await store.Resources.DeleteAsync("pi", false, new Precondition([1, current]), None))!.Failure);
        Assert.Null(await store.Resources.GetAsync("pi", None));
    });

    [SkippableFact]
    public Task VersionsAreNeverReusedNotEvenAfterADeleteAndRecreate() => WithStoreAsync(async store =>
    {
        var before = await store.Resources.PutAsync(new ResourceRecord("pi", Tier.Device, null), null, None);
        await store.Resources.DeleteAsync("pi", false, null, None);
        var after = await store.Resources.PutAsync(new ResourceRecord("pi", Tier.Device, null), null, None);
        Assert.Equal(UpsertResult.Created, after.Result);
        Assert.True(after.Version > before.Version);
        Assert.Equal(WriteFailure.PreconditionFailed, (await store.Resources.PutAsync(new ResourceRecord("pi", Tier.Edge, null), new Precondition([before.Version]), None)).Failure);
    });

    [SkippableFact]
    public Task ConcurrentWritesEachGetTheirOwnVersionAndTheLastOneStays() => WithStoreAsync(async store =>
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => store.Resources.PutAsync(new ResourceRecord("pi", Tier.Device, $"writer {i}"), null, None))));
        Assert.Equal(16, outcomes.Select(o => o.Version).Distinct().Count());
        Assert.Single(outcomes, o => o.Result == UpsertResult.Created);
        var last = outcomes.MaxBy(o => o.Version)!;
        Assert.Equal(last.Version, (await store.Resources.GetAsync("pi", None))!.Version);
    });

    [SkippableFact]
    public Task DeletingAResourceInUseIsRefusedUnlessForcedThenItsLinksAndBenchmarksGoToo() => WithStoreAsync(async store =>
    {
        await SeedAsync(store);
        var refused = await store.Resources.DeleteAsync("edge", false, null, None);
        Assert.Equal(WriteFailure.Conflict, refused!.Failure);
        Assert.Contains("1 link(s) and 1 benchmark(s)", refused.Detail, StringComparison.Ordinal);
        Assert.Null(await store.Resources.DeleteAsync("nobody", false, null, None));

        var before = (await store.Models.GetAsync("vgg", None))!.Version;
        Assert.Null((await store.Resources.DeleteAsync("edge", true, null, None))!.Failure);
        Assert.Null(await store.Networks.GetLinksAsync("wifi", None));
        Assert.Equal(["pi"], (await store.Models.ListBenchmarksAsync("vgg", None))!.Select(b => b.Resource));

        // The model lost a benchmark: a new version, as if it had been deleted on its own; with the last one gone
        // (and no file), its layout is free again.
        var after = (await store.Models.GetAsync("vgg", None))!;
        Assert.True(after.Version > before);
        Assert.NotNull(after.Layout);
        Assert.Null((await store.Resources.DeleteAsync("pi", true, null, None))!.Failure);
        var emptied = (await store.Models.GetAsync("vgg", None))!;
        Assert.True(emptied.Version > after.Version);
        Assert.Null(emptied.Layout);
    });

    [SkippableFact]
    public Task LinksKeepTheirMeasurementAndImportsAreAllOrNothing() => WithStoreAsync(async store =>
    {
        await PutResourcesAsync(store, "pi", "edge", "cloud");
        var measurement = new LinkMeasurement { Method = "http-upload", RttMs = 2.5, BandwidthMbps = 94.2, Sizes = 8, MeasuredAt = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.FromHours(1)) };
        var created = await store.Networks.PutLinkAsync("wifi", new NetworkLink("pi", "edge", 2.5, 94.2), measurement, null, None);
        Assert.Equal(UpsertResult.Created, created.Result);
        var link = await store.Networks.GetLinkAsync("wifi", "pi", "edge", None);
        Assert.Equal(new LinkRecord(new NetworkLink("pi", "edge", 2.5, 94.2), measurement) { Version = created.Version }, link);
        Assert.Null(await store.Networks.GetLinkAsync("wifi", "edge", "pi", None));

        var missing = await store.Networks.PutLinkAsync("wifi", new NetworkLink("pi", "mars", 1, 1), null, null, None);
        Assert.Equal(WriteFailure.NotFound, missing.Failure);

        var refused = await store.Networks.ImportAsync("lte", [new NetworkLink("pi", "edge", 30, 10), new NetworkLink("edge", "mars", 1, 1)], None);
        Assert.False(refused.Succeeded);
        Assert.Contains("edge -> mars", refused.MissingResource, StringComparison.Ordinal);
        Assert.Null(await store.Networks.GetLinksAsync("lte", None));

        var imported = await store.Networks.ImportAsync("wifi", [new NetworkLink("pi", "edge", 3, 50), new NetworkLink("edge", "cloud", 20, 100)], None);
        Assert.Equal((1, 1), (imported.Created, imported.Replaced));
        var links = await store.Networks.GetLinksAsync("wifi", None);
        Assert.Equal([("edge", "cloud"), ("pi", "edge")], links!.Select(l => (l.Link.Source, l.Link.Destination)));
        // Figures typed in (or imported) clear an earlier measurement: it no longer describes them.
        Assert.Null(links!.Single(l => l.Link.Source == "pi").Measurement);
        Assert.Equal([new NetworkSummary("wifi", 2)], await store.Networks.ListAsync(None));

        Assert.Equal(WriteFailure.PreconditionFailed, (await store.Networks.DeleteLinkAsync("wifi", "pi", "edge", new Precondition([created.Version]), None))!.Failure);
        Assert.Null((await store.Networks.DeleteLinkAsync("wifi", "pi", "edge", null, None))!.Failure);
        Assert.Null(await store.Networks.DeleteLinkAsync("wifi", "pi", "edge", null, None));
        await store.Networks.PutLinkAsync("wifi", new NetworkLink("pi", "edge", 3, 50), null, null, None);
        var tag = NetworkVersion.Of((await store.Networks.GetLinksAsync("wifi", None))!);
        Assert.Equal(WriteFailure.PreconditionFailed, (await store.Networks.DeleteAsync("wifi", new Precondition([tag + 1]), None))!.Failure);
        Assert.Null((await store.Networks.DeleteAsync("wifi", new Precondition([tag]), None))!.Failure);
        Assert.Null(await store.Networks.DeleteAsync("wifi", null, None));
        Assert.Equal(WriteFailure.PreconditionFailed, (await store.Networks.DeleteAsync("wifi", Precondition.Any, None))!.Failure);
    });

    [SkippableFact]
    public Task EachWriteRaisesTheRevisionsOfWhatItChangedAndNothingElse() => WithStoreAsync(async store =>
    {
        await SeedAsync(store);
        var start = await store.Inputs.GetRevisionsAsync("vgg", "wifi", None);
        Assert.True(start.Model > 0 && start.Network > 0 && start.Resources > 0);

        await store.Models.PutAsync("other", null, null, None);
        await store.Networks.PutLinkAsync("lte", new NetworkLink("pi", "edge", 40, 5), null, null, None);
        Assert.Equal(start, await store.Inputs.GetRevisionsAsync("VGG", "wifi", None));

        await store.Networks.PutLinkAsync("wifi", new NetworkLink("pi", "edge", 4, 50), null, null, None);
        var afterLink = await store.Inputs.GetRevisionsAsync("vgg", "wifi", None);
        Assert.Equal((start.Model, start.Resources), (afterLink.Model, afterLink.Resources));
        Assert.True(afterLink.Network > start.Network);

        await store.Models.PutBenchmarkAsync("vgg", Benchmark("pi", 3), null, None);
        var afterBenchmark = await store.Inputs.GetRevisionsAsync("vgg", "wifi", None);
        Assert.True(afterBenchmark.Model > afterLink.Model);

        await store.Resources.PutAsync(new ResourceRecord("cloud", Tier.Cloud, null), null, None);
        Assert.True((await store.Inputs.GetRevisionsAsync("vgg", "wifi", None)).Resources > afterBenchmark.Resources);

        // A refused write raises nothing.
        var before = await store.Inputs.GetRevisionsAsync("vgg", "wifi", None);
        await store.Models.PutBenchmarkAsync("vgg", Benchmark("edge", 9), null, None);
        Assert.Equal(before, await store.Inputs.GetRevisionsAsync("vgg", "wifi", None));
        Assert.Equal(new InputRevisions(0, 0, before.Resources, before.Store), await store.Inputs.GetRevisionsAsync("nobody", "nowhere", None));
        Assert.NotEqual(0, before.Store);
    });

    [SkippableFact]
    public Task APartitionQueryReadsEverythingItNeedsAtOnce() => WithStoreAsync(async store =>
    {
        await SeedAsync(store);
        var inputs = await store.Inputs.LoadAsync("VGG", "wifi", None);
        Assert.Equal("vgg", inputs!.Model.Name);
        Assert.Equal(["edge", "pi"], inputs.Resources.Select(r => r.Name));
        Assert.Equal(["edge", "pi"], inputs.Benchmarks.Select(b => b.Resource));
        Assert.Equal([new NetworkLink("pi", "edge", 3, 50)], inputs.Links);
        Assert.Null(await store.Inputs.LoadAsync("nobody", "wifi", None));
        Assert.Empty((await store.Inputs.LoadAsync("vgg", "nowhere", None))!.Links);
        Assert.True(await store.Inputs.PingAsync(None));
    });

    private static async Task SeedAsync(StoreUnderTest store)
    {
        await PutResourcesAsync(store, "pi", "edge");
        await store.Networks.PutLinkAsync("wifi", new NetworkLink("pi", "edge", 3, 50), null, null, None);
        await store.Models.PutAsync("vgg", null, null, None);
        await store.Models.PutBenchmarkAsync("vgg", Benchmark("pi", 3), null, None);
        await store.Models.PutBenchmarkAsync("vgg", Benchmark("edge", 3), null, None);
    }

    private static async Task PutResourcesAsync(StoreUnderTest store, params string[] names)
    {
        foreach (var name in names)
        {
            await store.Resources.PutAsync(new ResourceRecord(name, name == "pi" ? Tier.Device : Tier.Edge, null), null, None);
        }
    }

    private static BenchmarkRecord Benchmark(string resource, int blocks) => new(
        resource,
        [.. Enumerable.Range(0, blocks).Select(i => new BenchmarkBlock(i, i, 0.001 * (i + 1), 1000L * (blocks - i)))],
        new BenchmarkProvenance { Repeats = 5, Runtime = "test" },
        new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
}

/// <summary>The store contract on the embedded SQLite file.</summary>
public sealed class SqliteStoreContractTests : StoreContract
{
    protected override string Engine => "sqlite";

    protected override string? SkipReason => null;
}

/// <summary>The store contract on PostgreSQL; skipped where CI gave no server.</summary>
public sealed class PostgresStoreContractTests : StoreContract
{
    protected override string Engine => "postgres";

    protected override string? SkipReason => Scission.Testing.PostgresServer.ConnectionString is null ? Scission.Testing.PostgresServer.MissingReason : null;
}
