using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Api.Tests.Store;

/// <summary>The store contract for models, their files and their benchmarks.</summary>
public abstract partial class StoreContract
{
    [SkippableFact]
    public Task ModelsMatchIgnoringCaseAndKeepTheirFirstSpelling() => WithStoreAsync(async store =>
    {
        Assert.Equal(UpsertResult.Created, (await store.Models.PutAsync("VGG16", "first", null, None)).Result);
        Assert.Equal(UpsertResult.Replaced, (await store.Models.PutAsync("vgg16", "second", null, None)).Result);
        var model = await store.Models.GetAsync("Vgg16", None);
        Assert.Equal(("VGG16", "second"), (model!.Name, model.Description));
        Assert.Single(await store.Models.ListAsync(None));
        Assert.Null((await store.Models.DeleteAsync("vGG16", null, None))!.Failure);
        Assert.Null(await store.Models.DeleteAsync("vgg16", null, None));
    });

    [SkippableFact]
    public Task TheFirstBenchmarkFixesTheLayoutAndItIsFreedWithTheLast() => WithStoreAsync(async store =>
    {
        await PutResourcesAsync(store, "pi", "edge");
        await store.Models.PutAsync("vgg", null, null, None);
        Assert.Equal(WriteFailure.NotFound, (await store.Models.PutBenchmarkAsync("nope", Benchmark("pi", 3), null, None)).Failure);
        Assert.Equal(WriteFailure.NotFound, (await store.Models.PutBenchmarkAsync("vgg", Benchmark("mars", 3), null, None)).Failure);

        var first = await store.Models.PutBenchmarkAsync("vgg", Benchmark("pi", 3), null, None);
        Assert.Equal(UpsertResult.Created, first.Result);
        // The only benchmark may change the layout; once a second relies on it, it is fixed.
        Assert.Null((await store.Models.PutBenchmarkAsync("vgg", Benchmark("pi", 4), null, None)).Failure);
        Assert.Null((await store.Models.PutBenchmarkAsync("vgg", Benchmark("edge", 4), null, None)).Failure);
        var conflict = await store.Models.PutBenchmarkAsync("vgg", Benchmark("edge", 5), null, None);
        Assert.Equal(WriteFailure.Conflict, conflict.Failure);
        Assert.Equal(4, (await store.Models.GetAsync("vgg", None))!.Layout!.Blocks.Count);

        var model = await store.Models.GetAsync("vgg", None);
        var benchmarks = await store.Models.ListBenchmarksAsync("vgg", None);
        Assert.Equal(["edge", "pi"], benchmarks!.Select(b => b.Resource));
        Assert.Equal(Benchmark("edge", 4).Blocks, benchmarks![0].Blocks);
        Assert.True(model!.Version >= benchmarks.Max(b => b.Version));

        await store.Models.DeleteBenchmarkAsync("vgg", "edge", null, None);
        Assert.Equal(WriteFailure.PreconditionFailed, (await store.Models.DeleteBenchmarkAsync("vgg", "pi", new Precondition([first.Version]), None))!.Failure);
        await store.Models.DeleteBenchmarkAsync("vgg", "pi", null, None);
        Assert.Null((await store.Models.GetAsync("vgg", None))!.Layout);
        Assert.Null((await store.Models.PutBenchmarkAsync("vgg", Benchmark("pi", 7), null, None)).Failure);
    });

    [SkippableFact]
    public Task OfFirstBenchmarksRacingWithDifferentLayoutsOnlyOneLayoutIsStored() => WithStoreAsync(async store =>
    {
        var resources = Enumerable.Range(0, 8).Select(i => $"r{i}").ToArray();
        await PutResourcesAsync(store, resources);
        await store.Models.PutAsync("raced", null, null, None);

        var outcomes = await Task.WhenAll(resources.Select((resource, i) =>
            Task.Run(() => store.Models.PutBenchmarkAsync("raced", Benchmark(resource, 3 + (i % 2)), null, None))));

        var stored = await store.Models.ListBenchmarksAsync("raced", None);
        var layouts = stored!.Select(b => b.Blocks.Count).Distinct().ToArray();
        Assert.Single(layouts);
        Assert.Equal(stored!.Count, outcomes.Count(o => o.Failure is null));
        Assert.All(outcomes.Where(o => o.Failure is not null), o => Assert.Equal(WriteFailure.Conflict, o.Failure));
        Assert.Equal(layouts[0], (await store.Models.GetAsync("raced", None))!.Layout!.Blocks.Count);
    });

    [SkippableFact]
    public Task ABatchOfBenchmarksIsStoredWholeOrNotAtAll() => WithStoreAsync(async store =>
    {
        await PutResourcesAsync(store, "pi", "edge");
        await store.Models.PutAsync("a", null, null, None);
        await store.Models.PutAsync("b", null, null, None);
        var before = await store.Inputs.GetRevisionsAsync("a", "wifi", None);

        // The second benchmark of "a" disagrees with the first of the same batch; "mars" is unknown.
        var refused = await store.Models.PutBenchmarksAsync(
            [new("a", Benchmark("pi", 3)), new("b", Benchmark("pi", 2)), new("a", Benchmark("edge", 4)), new("b", Benchmark("mars", 2))],
            None);
        Assert.Equal([null, null, WriteFailure.Conflict, WriteFailure.NotFound], refused.Select(o => o.Failure));
        Assert.Empty((await store.Models.ListBenchmarksAsync("a", None))!);
        Assert.Empty((await store.Models.ListBenchmarksAsync("b", None))!);
        Assert.Equal(before, await store.Inputs.GetRevisionsAsync("a", "wifi", None));

        var stored = await store.Models.PutBenchmarksAsync([new("a", Benchmark("pi", 3)), new("A", Benchmark("edge", 3)), new("b", Benchmark("pi", 2))], None);
        Assert.All(stored, o => Assert.Equal(UpsertResult.Created, o.Result));
        Assert.Equal(["edge", "pi"], (await store.Models.ListBenchmarksAsync("a", None))!.Select(b => b.Resource));
        Assert.True((await store.Inputs.GetRevisionsAsync("b", "wifi", None)).Model > before.Model);
    });

    [SkippableFact]
    public Task AnUploadedGraphDefinesTheLayoutAndKeepsItsBytes() => WithStoreAsync(async store =>
    {
        await PutResourcesAsync(store, "pi");
        byte[] content = [0, 1, 2, 0, 255, 0, 10, 13];
        var layout = BlockLayout.Create([new LayerRange(0, 0), new LayerRange(1, 1), new LayerRange(2, 2)]);
        var graph = new ModelGraph("{\"blocks\":[]}", content.Length, "AB12");
        Assert.Equal(UpsertResult.Created, (await store.Models.PutGraphAsync("toy", "a toy", layout, graph, content, null, None)).Result);
        Assert.Equal(content, await store.Models.GetFileAsync("TOY", None));
        Assert.Equal(graph, (await store.Models.GetAsync("toy", None))!.Graph);

        // With a graph, even the only benchmark must follow the file's layout.
        Assert.Equal(WriteFailure.Conflict, (await store.Models.PutBenchmarkAsync("toy", Benchmark("pi", 4), null, None)).Failure);
        Assert.Null((await store.Models.PutBenchmarkAsync("toy", Benchmark("pi", 3), null, None)).Failure);
        var otherLayout = BlockLayout.Create([new LayerRange(0, 2)]);
        Assert.Equal(WriteFailure.Conflict, (await store.Models.PutGraphAsync("toy", null, otherLayout, graph, content, null, None)).Failure);
        Assert.Equal("a toy", (await store.Models.GetAsync("toy", None))!.Description);
        Assert.Null(await store.Models.GetFileAsync("other", None));
    });
}
