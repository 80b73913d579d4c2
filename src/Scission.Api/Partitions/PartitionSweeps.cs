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
        var (question, refusal) = PreparedQuestion.Of(await compiled.GetAsync(request, revisions, cancellationToken), request);
        if (question is null)
        {
            return (null, null, refusal);
        }

        var problem = question.Problem;
        var (segments, failures) = PartitionSearch.SweepBandwidth(problem, new PartitionQuery(question.Stages) { InputBytes = request.InputBytes }, source, destination, fromMbps, toMbps);
        return failures.Count > 0
            ? (null, null, PartitionAnswer.Invalid(failures.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())))
            : (segments, problem.TryGetLink(source, destination, out var link) ? link.BandwidthMbps : null, null);
    }
}
