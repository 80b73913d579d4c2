using Scission.Domain.Model;

namespace Scission.Domain.Catalog;

// Every write takes a Precondition (If-Match; null: none, the last write wins) and is atomic: the check, the change
// and the revisions it raises commit together or not at all.

/// <summary>Stored machines.</summary>
public interface IResourceStore
{
    /// <summary>Every resource, in name order.</summary>
    Task<IReadOnlyList<ResourceRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One resource, or <c>null</c>.</summary>
    Task<ResourceRecord?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a resource; refused when <paramref name="ifMatch"/> is not met.</summary>
    Task<WriteOutcome> PutAsync(ResourceRecord resource, Precondition? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a resource (<c>null</c> when unknown); without <paramref name="force"/> it is refused while links or
    /// benchmarks use it.
    /// </summary>
    Task<WriteOutcome?> DeleteAsync(string name, bool force, Precondition? ifMatch, CancellationToken cancellationToken);
}

/// <summary>Named sets of directed links.</summary>
public interface INetworkStore
{
    /// <summary>Every network that holds links, in name order.</summary>
    Task<IReadOnlyList<NetworkSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The network's links with how each was measured, or <c>null</c> when it has none.</summary>
    Task<IReadOnlyList<LinkRecord>?> GetLinksAsync(string network, CancellationToken cancellationToken);

    /// <summary>One link, or <c>null</c>.</summary>
    Task<LinkRecord?> GetLinkAsync(string network, string source, string destination, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces one link with its measurement (<c>null</c> for figures typed in, which clears an earlier
    /// measurement); refused when an end is not a registered resource.
    /// </summary>
    Task<WriteOutcome> PutLinkAsync(string network, NetworkLink link, LinkMeasurement? measurement, Precondition? ifMatch, CancellationToken cancellationToken);

    /// <summary>Stores all links or none; refused (nothing stored) when any refers to an unknown resource.</summary>
    Task<ImportOutcome> ImportAsync(string network, IReadOnlyList<NetworkLink> links, CancellationToken cancellationToken);

    /// <summary>Deletes one link; <c>null</c> when it did not exist.</summary>
    Task<WriteOutcome?> DeleteLinkAsync(string network, string source, string destination, Precondition? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every link of a network, when <paramref name="ifMatch"/> (if given) names its <see cref="NetworkVersion"/>;
    /// <c>null</c> when it had none.
    /// </summary>
    Task<WriteOutcome?> DeleteAsync(string network, Precondition? ifMatch, CancellationToken cancellationToken);
}

/// <summary>Models and their benchmarks. Model names are matched ignoring case.</summary>
public interface IModelStore
{
    /// <summary>Every model, in name order.</summary>
    Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One model, or <c>null</c>.</summary>
    Task<ModelRecord?> GetAsync(string model, CancellationToken cancellationToken);

    /// <summary>Registers a model or replaces its description; its benchmarks stay.</summary>
    Task<WriteOutcome> PutAsync(string model, string? description, Precondition? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an uploaded model file and the layout it defines, registering the model if needed. Refused when stored
    /// benchmarks have another layout; nothing changes then.
    /// </summary>
    Task<WriteOutcome> PutGraphAsync(string model, string? description, BlockLayout layout, ModelGraph graph, byte[] content, Precondition? ifMatch, CancellationToken cancellationToken);

    /// <summary>The uploaded file of a model, or <c>null</c> when it has none.</summary>
    Task<byte[]?> GetFileAsync(string model, CancellationToken cancellationToken);

    /// <summary>Deletes a model and its benchmarks; <c>null</c> when unknown.</summary>
    Task<WriteOutcome?> DeleteAsync(string model, Precondition? ifMatch, CancellationToken cancellationToken);

    /// <summary>Stores a benchmark; refused for an unknown model or resource, or a layout that differs from the model's.</summary>
    Task<WriteOutcome> PutBenchmarkAsync(string model, BenchmarkRecord benchmark, Precondition? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Stores several benchmarks in one transaction, all or none: each is checked as <see cref="PutBenchmarkAsync"/>
    /// checks it, against the store as the earlier ones in the list leave it. Returns one outcome per write, in
    /// order; when any is refused, nothing is stored.
    /// </summary>
    Task<IReadOnlyList<WriteOutcome>> PutBenchmarksAsync(IReadOnlyList<BenchmarkWrite> writes, CancellationToken cancellationToken);

    /// <summary>The model's benchmarks in resource-name order, or <c>null</c> for an unknown model.</summary>
    Task<IReadOnlyList<BenchmarkRecord>?> ListBenchmarksAsync(string model, CancellationToken cancellationToken);

    /// <summary>Deletes one benchmark; <c>null</c> when it did not exist.</summary>
    Task<WriteOutcome?> DeleteBenchmarkAsync(string model, string resource, Precondition? ifMatch, CancellationToken cancellationToken);
}

/// <summary>The read side of a partition query.</summary>
public interface IPartitionInputsStore
{
    /// <summary>Reads everything a query needs in one consistent snapshot, or <c>null</c> for an unknown model.</summary>
    Task<PartitionInputs?> LoadAsync(string model, string network, CancellationToken cancellationToken);

    /// <summary>The current revisions alone: cheap, for building cache keys.</summary>
    Task<InputRevisions> GetRevisionsAsync(string model, string network, CancellationToken cancellationToken);

    /// <summary>Whether the store answers.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}

/// <summary>Long-running operations, kept where every replica can read them.</summary>
public interface IOperationStore
{
    /// <summary>Records a new operation.</summary>
    Task CreateAsync(OperationRecord operation, CancellationToken cancellationToken);

    /// <summary>One operation, or <c>null</c>.</summary>
    Task<OperationRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces an operation's state.</summary>
    Task UpdateAsync(OperationRecord operation, CancellationToken cancellationToken);

    /// <summary>Records that the process <paramref name="owner"/> is alive at <paramref name="now"/>.</summary>
    Task HeartbeatAsync(string owner, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Fails the unfinished operations of every owner but <paramref name="self"/> that has not been seen since
    /// <paramref name="staleBefore"/> (or ever): their process stopped and lost them. Returns how many.
    /// </summary>
    Task<int> AbandonOrphansAsync(string self, DateTimeOffset staleBefore, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the processes not seen since <paramref name="unseenSince"/> that own no unfinished operation, so
    /// that replicas replaced over months do not pile up; returns how many. One that comes back simply beats again.
    /// </summary>
    Task<int> ForgetInstancesAsync(DateTimeOffset unseenSince, CancellationToken cancellationToken);
}
