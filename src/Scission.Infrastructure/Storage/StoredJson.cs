using System.Text.Json;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Infrastructure.Storage;

/// <summary>How blocks, layouts and provenance are kept in text columns.</summary>
internal static class StoredJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Blocks(IReadOnlyList<BenchmarkBlock> blocks) => JsonSerializer.Serialize(blocks, Options);

    public static IReadOnlyList<BenchmarkBlock> Blocks(string json) => JsonSerializer.Deserialize<BenchmarkBlock[]>(json, Options) ?? [];

    public static string Provenance(BenchmarkProvenance provenance) => JsonSerializer.Serialize(provenance, Options);

    public static BenchmarkProvenance Provenance(string json) => JsonSerializer.Deserialize<BenchmarkProvenance>(json, Options) ?? new();

    public static string Measurement(LinkMeasurement measurement) => JsonSerializer.Serialize(measurement, Options);

    public static LinkMeasurement? Measurement(string json) => JsonSerializer.Deserialize<LinkMeasurement>(json, Options);

    public static string Layout(BlockLayout layout) => JsonSerializer.Serialize(layout.Blocks.Select(b => new[] { b.FirstLayer, b.LastLayer }), Options);

    public static BlockLayout? Layout(string? json) => json is null
        ? null
        : BlockLayout.Create([.. (JsonSerializer.Deserialize<int[][]>(json, Options) ?? []).Select(pair => new LayerRange(pair[0], pair[1]))]);
}
