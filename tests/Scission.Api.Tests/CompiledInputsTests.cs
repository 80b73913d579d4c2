using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Scission.Api.Tests.Support;
using Scission.Domain.Catalog;

namespace Scission.Api.Tests;

/// <summary>Misses that differ only in their question reuse the inputs read for an earlier one, until a write.</summary>
public sealed class CompiledInputsTests : IDisposable
{
    private readonly CountingStore _counting = new();
    private readonly ScissionApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task QueriesOnUnchangedInputsReadTheStoreOnceAndAWriteReadsItAgain()
    {
        using var counted = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPartitionInputsStore>(provider => _counting.Around(ActivatorUtilities.CreateInstance<Infrastructure.Storage.PartitionInputsStore>(provider)))));
        var client = counted.CreateClient();
        await TinyCatalog.SeedAsync(client);

        var answers = new List<string>();
        foreach (var query in new[] { "top=1", "top=2", "device=!-1", "cloudTime=50%25" })
        {
            var response = await client.GetAsync($"/v1/models/tiny/partitions?{query}");
            Assert.Contains("fwd=miss", response.Headers.GetValues("Cache-Status").Single(), StringComparison.Ordinal);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, _counting.Loads);
        await TinyCatalog.BenchmarkAsync(client, "gpu", 0.03125);
        var after = await (await client.GetAsync("/v1/models/tiny/partitions?top=1")).ReadJsonAsync();

        Assert.Equal(2, _counting.Loads);
        Assert.NotEqual(answers[0], after.ToJsonString());
    }

    /// <summary>Counts the reads of partition inputs that pass through it.</summary>
    private sealed class CountingStore
    {
        private int _loads;

        public int Loads => _loads;

        public IPartitionInputsStore Around(IPartitionInputsStore inner) => new Counted(inner, this);

        private sealed class Counted(IPartitionInputsStore inner, CountingStore counter) : IPartitionInputsStore, IDisposable
        {
            public void Dispose() => (inner as IDisposable)?.Dispose();

            public Task<PartitionInputs?> LoadAsync(string model, string network, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref counter._loads);
                return inner.LoadAsync(model, network, cancellationToken);
            }

            public Task<InputRevisions> GetRevisionsAsync(string model, string network, CancellationToken cancellationToken) => inner.GetRevisionsAsync(model, network, cancellationToken);

            public Task<bool> PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);
        }
    }
}
