using System.Text.Json;
using System.Text.Json.Serialization;
using Scission.Contracts;

namespace Scission.Agent;

/// <summary>
/// The contract types the agent sends and reads, serialised by generated code: no reflection, so the trimmed
/// agent keeps working, and no JSON written by hand.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BenchmarkBody))]
[JsonSerializable(typeof(BenchmarkResponse))]
[JsonSerializable(typeof(ModelResponse))]
[JsonSerializable(typeof(LinkBody))]
[JsonSerializable(typeof(LinkResponse))]
[JsonSerializable(typeof(LinkResponse[]))]
[JsonSerializable(typeof(ProbeIdentity))]
internal sealed partial class AgentJson : JsonSerializerContext
{
    /// <summary>For files people read (<c>--output</c>); requests stay compact.</summary>
    public static AgentJson Indented { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } });
}
