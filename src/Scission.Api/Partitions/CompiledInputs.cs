using Microsoft.Extensions.Caching.Memory;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Api.Partitions;

/// <summary>
/// A model's stored inputs over one network, read once and turned into the search's problem, kept in process per
/// revision: queries that differ only in their criteria, <c>top</c> or limits reuse them instead of reading and
/// indexing the store again. A write raises a revision, so the next query builds afresh under a new key.
/// </summary>
internal sealed class CompiledInputs(IPartitionInputsStore store) : IDisposable
{
    /// <summary>Inputs kept at most; each holds one model's benchmarks, a few MB for the largest.</summary>
    private const int Kept = 64;

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = Kept });

    public async Task<Compiled?> GetAsync(PartitionRequest request, InputRevisions revisions, CancellationToken cancellationToken)
    {
        var key = $"{request.Model.ToLowerInvariant()}\u001f{request.Network}\u001f{revisions.Store}.{revisions.Model}.{revisions.Network}.{revisions.Resources}";
        if (_kept.TryGetValue(key, out Compiled? compiled))
        {
            return compiled;
        }

        // Read after the revisions: never older than the key says.
        var inputs = await store.LoadAsync(request.Model, request.Network, cancellationToken);
        if (inputs is null)
        {
            return null;
        }

        compiled = new Compiled(inputs, inputs.ToProblem(), inputs.BenchmarkedResources());
        _kept.Set(key, compiled, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return compiled;
    }

    public void Dispose() => _kept.Dispose();

    /// <summary>The inputs, their problem (<c>null</c> before any benchmark) and the resources benchmarked.</summary>
    public sealed record Compiled(PartitionInputs Inputs, PartitionProblem? Problem, IReadOnlyList<Resource> Benchmarked);
}
