using Scission.Domain;
using Scission.Domain.Catalog;
using Scission.Domain.Constraints;
using Scission.Domain.Search;

namespace Scission.Api.Partitions;

/// <summary>
/// The best plan across a range of one link's bandwidth, from the same stored inputs and the same question a
/// partition query asks (criteria, what-if links), for the bandwidth chart.
/// </summary>
internal sealed class PartitionSweeps(IPartitionInputsStore store, CompiledInputs compiled)
{
    /// <summary>The stretches in ascending bandwidth and the link's bandwidth as the question sees it, or why not.</summary>
    public async Task<(IReadOnlyList<SweepSegment>? Segments, double? NowMbps, PartitionAnswer? Refusal)> SweepAsync(PartitionRequest request, string source, string destination, double fromMbps, double toMbps, CancellationToken cancellationToken)
    {
        var revisions = await store.GetRevisionsAsync(request.Model, request.Network, cancellationToken);
        if (await compiled.GetAsync(request, revisions, cancellationToken) is not { } ready)
        {
            return (null, null, PartitionAnswer.NotFound($"model '{request.Model}' is not registered"));
        }

        if (ready.Inputs.Links.Count == 0 && request.Network != PartitionRequest.DefaultNetwork)
        {
            return (null, null, PartitionAnswer.NotFound($"network '{request.Network}' has no links"));
        }

        if (ready.Problem is not { } problem)
        {
            return (null, null, PartitionAnswer.Conflict($"model '{ready.Inputs.Model.Name}' has no benchmarks yet"));
        }

        var errors = new Dictionary<string, string[]>();
        var stages = request.Stages.Select((stage, s) => PartitionService.Stage(stage, s, ready.Benchmarked, errors)).ToList();
        problem = request.Options.Apply(problem, errors);
        if (errors.Count > 0)
        {
            return (null, null, PartitionAnswer.Invalid(errors));
        }

        var (segments, failures) = PartitionSearch.SweepBandwidth(problem, new PartitionQuery(stages) { InputBytes = request.InputBytes }, source, destination, fromMbps, toMbps);
        return failures.Count > 0
            ? (null, null, PartitionAnswer.Invalid(failures.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())))
            : (segments, problem.TryGetLink(source, destination, out var link) ? link.BandwidthMbps : null, null);
    }
}
