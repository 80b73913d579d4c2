using System.Text.Json.Nodes;
using Scission.Onnx;

namespace Scission.Infrastructure.Onnx;

/// <summary>
/// Analyses stored before cuts were tensor sets had one <c>input</c> and one <c>output</c> per block, and were
/// found with the single-tensor rule; they read as today's shape, so models uploaded then keep their blocks.
/// </summary>
internal static class StoredAnalysis
{
    public static string Upgrade(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject analysis || analysis.ContainsKey("inputs") || !analysis.ContainsKey("input"))
        {
            return json;
        }

        analysis["inputs"] = new JsonArray(analysis["input"]!.DeepClone());
        analysis.Remove("input");
        foreach (var block in analysis["blocks"]?.AsArray() ?? [])
        {
            if (block is JsonObject { } entry && entry["output"] is { } output)
            {
                entry["tensors"] = new JsonArray(output.DeepClone());
                entry.Remove("output");
            }
        }

        analysis["cuts"] = CutRule.SingleName;
        analysis["vocabulary"] = DeterministicInput.DefaultVocabulary;
        return analysis.ToJsonString();
    }
}
