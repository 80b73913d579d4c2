using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using Scission.Domain;
using Scission.Domain.Catalog;
using Scission.Domain.Constraints;
using Scission.Domain.Search;
using Scission.Infrastructure.Caching;

namespace Scission.Api.Partitions;

/// <summary>Answers a partition request from the stored benchmarks and links, through the shared cache.</summary>
internal sealed class PartitionService(IPartitionInputsStore store, CompiledInputs compiled, TieredCache cache, IOptions<JsonOptions> json, IOptions<SearchOptions> search, IOptions<CacheOptions> caching) : IDisposable
{
    private readonly SemaphoreSlim _searches = new(search.Value.MaxConcurrent, search.Value.MaxConcurrent);

    public void Dispose() => _searches.Dispose();

    /// <summary>Bump when the cached answer's shape changes, so replicas of different versions never share entries.</summary>
    private const string KeyVersion = "v3";

    public async Task<(PartitionAnswer Answer, CacheLookup Lookup)> AnswerAsync(PartitionRequest request, CancellationToken cancellationToken)
    {
        // The revisions live in the store, so a write through any replica changes the key every replica computes next.
        var revisions = await store.GetRevisionsAsync(request.Model, request.Network, cancellationToken);
        try
        {
            return await cache.GetOrComputeAsync(CacheKey(request, revisions, search.Value.MemoryBudgetBytes), token => new ValueTask<PartitionAnswer>(ComputeAsync(request, revisions, token)), cancellationToken);
        }
        catch (UncachedAnswer uncached)
        {
            return (uncached.Answer, CacheLookup.Uncached);
        }
    }

    /// <summary>The question, the store and the revisions of its inputs, and the memory budget (which may cut an answer short).</summary>
    public static string CacheKey(PartitionRequest request, InputRevisions revisions, long memoryBudgetBytes)
    {
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.CanonicalText())));
        return $"partitions:{KeyVersion}:{digest}:{revisions.Store}:{revisions.Model}.{revisions.Network}.{revisions.Resources}:{memoryBudgetBytes}";
    }

    private async Task<PartitionAnswer> ComputeAsync(PartitionRequest request, InputRevisions revisions, CancellationToken cancellationToken)
    {
        var (question, refusal) = PreparedQuestion.Of(await compiled.GetAsync(request, revisions, cancellationToken), request);
        if (question is null)
        {
            return refusal!;
        }

        var (inputs, problem, stages) = (question.Ready.Inputs, question.Problem, question.Stages);
        var settings = search.Value;
        if (!await _searches.WaitAsync(settings.QueueTimeout, cancellationToken))
        {
            throw new UncachedAnswer(PartitionAnswer.Busy($"{settings.MaxConcurrent} searches are running and this one waited {settings.QueueTimeout.TotalSeconds:0.#} s for its turn (Search:MaxConcurrent); try again shortly"));
        }

        SearchOutcome outcome;
        try
        {
            var options = request.Options;
            var query = new PartitionQuery(stages) { InputBytes = request.InputBytes, Top = request.Top, Objective = options.Objective, Pareto = options.Pareto, Sensitivity = options.Sensitivity };
            outcome = PartitionSearch.Run(problem, query, settings.MemoryBudgetBytes, SearchDeadline.After(settings.TimeBudget, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            _searches.Release();
        }

        if (!outcome.Succeeded)
        {
            return PartitionAnswer.Invalid(outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        // Cached as the JSON body itself, so a hit costs no serialisation.
        var segments = inputs.Model.Graph is null ? null : $"/v1/models/{inputs.Model.Name}/segments/";
        var chart = PlanChartLink.For(request);
        var response = new PartitionResponse(inputs.Model.Name, request.Network, [.. outcome.Plans.Select((plan, index) => Result(plan, index, segments) with { PlanChartHref = chart(index + 1) })])
        {
            Complete = outcome.CutShortReason is null,
            CutShortReason = outcome.CutShortReason,
            RankedBy = request.Options.Pareto is null ? JsonNamingPolicy.CamelCase.ConvertName(request.Options.Objective.ToString()) : "pareto",
            Sensitivity = outcome.Sensitivity?.ToArray(),
        };
        var answer = PartitionAnswer.Ok(JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions));
        // Cached as JSON, where the body is base64: 4 bytes for every 3, plus the answer's few other fields.
        var tooLarge = ((answer.Body!.LongLength + 2) / 3 * 4) + 1024 > caching.Value.MaxEntryBytes;
        return outcome.StoppedBy == SearchStop.Time || tooLarge ? throw new UncachedAnswer(answer) : answer;
    }

    private static PartitionResult Result(PartitionPlan plan, int index, string? segments) => new(
        index + 1,
        plan.LatencySeconds,
        plan.ComputeSeconds,
        plan.TransferSeconds,
        plan.TransferBytes,
        plan.Configuration,
        [.. plan.Stages.Where(s => s.IsUsed).Select(s => new StageResult(
            s.StageIndex,
            s.Tier,
            s.Resource!,
            s.Layers!.Value.FirstLayer,
            s.Layers.Value.LastLayer,
            s.FirstBlock,
            s.FirstBlock + s.BlockCount - 1,
            s.ComputeSeconds,
            s.OutputBytes,
            segments is null ? null : $"{segments}{s.Layers.Value.FirstLayer}-{s.Layers.Value.LastLayer}"))])
    {
        ThroughputPerSecond = plan.ThroughputPerSecond,
        DeviceUploadBytes = plan.DeviceUploadBytes,
        DeviceEnergyJoules = plan.DeviceEnergyJoules,
        Hops = [.. plan.Hops.Select(h => new HopResult(h.FromStage, h.ToStage, h.Source, h.Destination, h.Bytes, h.Seconds))],
    };
}

/// <summary>A partition answer, or the problem that stopped it. Cached as it is; never changed once made.</summary>
[ImmutableObject(true)]
internal sealed record PartitionAnswer(byte[]? Body, int Status, string? Detail, Dictionary<string, string[]>? Errors)
{
    /// <summary>A <see cref="PartitionResponse"/> as UTF-8 JSON.</summary>
    public static PartitionAnswer Ok(byte[] body) => new(body, StatusCodes.Status200OK, null, null);

    public static PartitionAnswer NotFound(string detail) => new(null, StatusCodes.Status404NotFound, detail, null);

    public static PartitionAnswer Conflict(string detail) => new(null, StatusCodes.Status409Conflict, detail, null);

    public static PartitionAnswer Invalid(Dictionary<string, string[]> errors) => new(null, StatusCodes.Status400BadRequest, null, errors);

    public static PartitionAnswer Busy(string detail) => new(null, StatusCodes.Status503ServiceUnavailable, detail, null);
}

/// <summary>
/// An answer that must not be cached (one cut short by time, or "busy"): thrown out of the cache's factory, which
/// stores nothing when its factory throws, and caught by the caller, which answers with it all the same.
/// </summary>
internal sealed class UncachedAnswer(PartitionAnswer answer) : Exception("an answer that is not to be cached")
{
    public PartitionAnswer Answer { get; } = answer;
}
