using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Scission.Api.Tests.Support;
using Scission.Domain.Catalog;
using Scission.Testing;

namespace Scission.Api.Tests.Onnx;

public sealed class BenchmarkRunsApiTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await RegisterAsync(("self", "edge"));
        var toy = OnnxModelBuilder.Topologies().Single(t => t.Name == "densenet-concat").Model;
        (await Client.PutAsync("/v1/models/toy", OnnxModelsApiTests.Onnx(toy))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ARunIsAcceptedFollowedAndStoredAsTheResourcesBenchmark()
    {
        var accepted = await Client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "self", "repeats": 3, "warmup": 1}"""));
        var operation = await FinishedAsync(accepted);
        var benchmark = await (await Client.GetAsync(operation["resultHref"]!.GetValue<string>())).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("succeeded", operation["status"]!.GetValue<string>());
        var blocks = benchmark["blocks"]!.AsArray();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], blocks.Select(b => b!["lastLayer"]!.GetValue<int>()));
        Assert.All(blocks, b => Assert.True(b!["latencySeconds"]!.GetValue<double>() > 0));
        // After layer 5, d0, d1 and d2 cross together (3 × 8 floats); after layer 6, their concatenation alone.
        Assert.Equal(3 * 8 * 4, blocks[5]!["outputBytes"]!.GetValue<long>());
        Assert.Equal(24 * 4, blocks[6]!["outputBytes"]!.GetValue<long>());
        Assert.Equal(3, benchmark["provenance"]!["repeats"]!.GetValue<int>());
        Assert.StartsWith("onnxruntime", benchmark["provenance"]!["runtime"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("sum of block medians", benchmark["provenance"]!["notes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("intra-op", benchmark["provenance"]!["threads"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(benchmark["provenance"]!["cpu"]!.GetValue<string>()));
        Assert.NotNull(benchmark["provenance"]!["measuredAt"]);
    }

    [Fact]
    public async Task ResNet18BenchmarksOnTheServerReportingItsProgressOnTheWay()
    {
        (await Client.PutAsync("/v1/models/resnet18", OnnxModelsApiTests.Onnx(await File.ReadAllBytesAsync(RealModels.ResNet18)))).EnsureSuccessStatusCode();

        // Long enough (several seconds) for the progress writer to be heard while the profile keeps both cores busy.
        var accepted = await Client.PostAsync("/v1/models/resnet18/benchmark-runs", HttpJson.Json("""{"resource": "self", "repeats": 20, "warmup": 1}"""));
        var progress = new List<string>();
        var operation = await OperationPolling.FinishedAsync(Client, accepted.Headers.Location!.OriginalString, TimeSpan.FromSeconds(120), progress);

        Assert.Equal("succeeded", operation["status"]!.GetValue<string>());
        Assert.Contains(progress, p => System.Text.RegularExpressions.Regex.IsMatch(p, "^(block [0-9]+ of 23|whole model)$"));
    }

    [Fact]
    public async Task AnyReplicaReportsTheOperationAndARestartFailsWhatWasLeftUnfinished()
    {
        var accepted = await Client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "self", "repeats": 1}"""));
        var location = accepted.Headers.Location!.OriginalString;
        await FinishedAsync(accepted);
        var store = Factory.Services.GetRequiredService<IOperationStore>();
        var now = DateTimeOffset.UtcNow;
        // A process that died long ago: its last heartbeat is older than the stale limit.
        await store.HeartbeatAsync("gone/1234", now.AddMinutes(-5), CancellationToken.None);
        await store.CreateAsync(new OperationRecord("left-behind", "benchmark-run", "toy", "self", "running", "block 1 of 3", null, null, "gone/1234", 1, 0, now, now), CancellationToken.None);
        var old = now.AddMinutes(-5);
        await store.CreateAsync(new OperationRecord("never-seen", "benchmark-run", "toy", "self", "queued", null, null, null, "unknown/5678", 1, 0, old, old), CancellationToken.None);

        using var replica = new ScissionApiFactory(Factory.DatabasePath);
        var other = replica.CreateClient();
        var seen = await (await other.GetAsync(location)).ReadJsonAsync();
        var swept = await OperationPolling.FinishedAsync(other, "/v1/operations/left-behind", TimeSpan.FromSeconds(10));
        var unknown = await OperationPolling.FinishedAsync(other, "/v1/operations/never-seen", TimeSpan.FromSeconds(10));

        Assert.Equal("succeeded", seen["status"]!.GetValue<string>());
        Assert.StartsWith(Environment.MachineName + "/", seen["runsOn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", swept["status"]!.GetValue<string>());
        Assert.Contains("stopped before it finished", swept["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", unknown["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunsNeedAnOnnxModelAndARegisteredResource()
    {
        await Client.PutJsonAsync("/v1/models/plain", new { });

        await (await Client.PostAsync("/v1/models/plain/benchmark-runs", HttpJson.Json("""{"resource": "self"}"""))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await Client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "ghost"}"""))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PostAsync("/v1/models/nope/benchmark-runs", HttpJson.Json("""{"resource": "self"}"""))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "self", "repeats": 0}"""))).AssertFieldErrorAsync("repeats");
        await (await Client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "self", "sessions": -1}"""))).AssertFieldErrorAsync("sessions");
        await (await Client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "self", "sessions": 10001}"""))).AssertFieldErrorAsync("sessions");
        await (await Client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{}"""))).AssertFieldErrorAsync("resource");
        await (await Client.GetAsync("/v1/operations/unknown")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARunThatFailsInAnUnexpectedWayIsMarkedFailedAndTheServiceGoesOn()
    {
        using var failing = Factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IModelStore>(provider => new StoreThatCannotSaveBenchmarks(ActivatorUtilities.CreateInstance<Infrastructure.Storage.ModelStore>(provider)))));
        var client = failing.CreateClient();

        var accepted = await client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "self", "repeats": 1, "warmup": 0}"""));
        var operation = await OperationPolling.FinishedAsync(client, accepted.Headers.Location!.OriginalString, TimeSpan.FromSeconds(60));

        Assert.Equal("failed", operation["status"]!.GetValue<string>());
        Assert.Contains("disk on fire", operation["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var next = await client.PostAsync("/v1/models/toy/benchmark-runs", HttpJson.Json("""{"resource": "self", "repeats": 1, "warmup": 0}"""));
        Assert.Equal("failed", (await OperationPolling.FinishedAsync(client, next.Headers.Location!.OriginalString, TimeSpan.FromSeconds(60)))["status"]!.GetValue<string>());
    }

    private async Task<JsonNode> FinishedAsync(HttpResponseMessage accepted)
    {
        var location = accepted.Headers.Location!.OriginalString;
        Assert.StartsWith("/v1/operations/", location, StringComparison.Ordinal);
        return await OperationPolling.FinishedAsync(Client, location, TimeSpan.FromSeconds(60));
    }
}

/// <summary>A store whose benchmark writes fail with an error no run expects.</summary>
internal sealed class StoreThatCannotSaveBenchmarks(IModelStore inner) : IModelStore
{
    public Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task<ModelRecord?> GetAsync(string model, CancellationToken cancellationToken) => inner.GetAsync(model, cancellationToken);

    public Task<WriteOutcome> PutAsync(string model, string? description, Precondition? ifMatch, CancellationToken cancellationToken) => inner.PutAsync(model, description, ifMatch, cancellationToken);

    public Task<WriteOutcome> PutGraphAsync(string model, string? description, Domain.Model.BlockLayout layout, ModelGraph graph, byte[] content, Precondition? ifMatch, CancellationToken cancellationToken) =>
        inner.PutGraphAsync(model, description, layout, graph, content, ifMatch, cancellationToken);

    public Task<byte[]?> GetFileAsync(string model, CancellationToken cancellationToken) => inner.GetFileAsync(model, cancellationToken);

    public Task<WriteOutcome?> DeleteAsync(string model, Precondition? ifMatch, CancellationToken cancellationToken) => inner.DeleteAsync(model, ifMatch, cancellationToken);

    public Task<WriteOutcome> PutBenchmarkAsync(string model, BenchmarkRecord benchmark, Precondition? ifMatch, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("disk on fire");

    public Task<IReadOnlyList<WriteOutcome>> PutBenchmarksAsync(IReadOnlyList<BenchmarkWrite> writes, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("disk on fire");

    public Task<IReadOnlyList<BenchmarkRecord>?> ListBenchmarksAsync(string model, CancellationToken cancellationToken) => inner.ListBenchmarksAsync(model, cancellationToken);

    public Task<WriteOutcome?> DeleteBenchmarkAsync(string model, string resource, Precondition? ifMatch, CancellationToken cancellationToken) =>
        inner.DeleteBenchmarkAsync(model, resource, ifMatch, cancellationToken);
}
