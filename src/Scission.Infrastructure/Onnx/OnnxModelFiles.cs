using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Scission.Domain.Catalog;
using Scission.Domain.Model;
using Scission.Onnx;

namespace Scission.Infrastructure.Onnx;

/// <summary>
/// Uploaded model files: analyses them on the way in, and keeps a few parsed models in memory so that serving
/// segments does not re-parse a large file every time (a parse is keyed by the file's digest, so it never goes stale).
/// </summary>
public sealed class OnnxModelFiles(IModelStore store)
{
    private const int ParsedModelsKept = 4;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, (OnnxModel Model, DateTime Used)> _parsed = new(StringComparer.Ordinal);

    /// <summary>Analyses and stores an upload; throws <see cref="OnnxModelException"/> for a file that cannot be used.</summary>
    public async Task<(WriteOutcome Outcome, OnnxAnalysis Analysis)> UploadAsync(string model, string? description, byte[] content, AnalysisOptions options, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        var parsed = await Task.Run(() => OnnxModel.Analyze(content, options), cancellationToken);
        var analysis = parsed.Analysis;
        var sha = Convert.ToHexString(SHA256.HashData(content));
        var layout = BlockLayout.Create([.. analysis.Blocks.Select(b => new LayerRange(b.FirstLayer, b.LastLayer))]);
        var outcome = await store.PutGraphAsync(model, description, layout, new ModelGraph(JsonSerializer.Serialize(analysis, Json), content.LongLength, sha), content, ifMatch, cancellationToken);
        if (outcome.Failure is null)
        {
            Remember(sha, parsed);
        }

        return (outcome, analysis);
    }

    /// <summary>The stored analysis of a model record that came as a file (stored before tensor-set cuts: upgraded on read).</summary>
    public static OnnxAnalysis Analysis(ModelGraph graph) =>
        JsonSerializer.Deserialize<OnnxAnalysis>(StoredAnalysis.Upgrade(graph.Analysis), Json) ?? throw new InvalidDataException("stored analysis is empty");

    /// <summary>The parsed model with its analysis, or <c>null</c> when the model has no file.</summary>
    public async Task<OnnxModel?> LoadAsync(string model, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(model, cancellationToken) is not { Graph: { } graph })
        {
            return null;
        }

        if (_parsed.TryGetValue(graph.Sha256, out var cached))
        {
            _parsed[graph.Sha256] = (cached.Model, DateTime.UtcNow);
            return cached.Model;
        }

        var content = await store.GetFileAsync(model, cancellationToken);
        if (content is null)
        {
            return null;
        }

        var parsed = OnnxModel.Load(content, Analysis(graph));
        Remember(graph.Sha256, parsed);
        return parsed;
    }

    private void Remember(string sha, OnnxModel model)
    {
        _parsed[sha] = (model, DateTime.UtcNow);
        while (_parsed.Count > ParsedModelsKept && _parsed.MinBy(p => p.Value.Used) is { Key: { } oldest })
        {
            _parsed.TryRemove(oldest, out _);
        }
    }
}
