using System.CommandLine;
using System.Text.Json;
using Scission.Contracts;
using Scission.Domain.Catalog;
using Spectre.Console;

namespace Scission.Agent;

/// <summary>
/// <c>table</c>: print a benchmark written by <c>benchmark --output</c>, or one fetched from the service
/// (<c>GET /v1/models/{model}/benchmarks/{resource}</c>, whose statistics sit under <c>provenance</c>); works anywhere,
/// without the runtime.
/// </summary>
internal static class TableCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "a benchmark written with --output, or fetched from the service" };
        var command = new Command("table", "print a benchmark file as a table") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var body = Read(File.ReadAllText(path.FullName));
                if (body?.Blocks is null || body.Blocks.Any(b => b is null))
                {
                    console.MarkupLineInterpolated($"[red]error:[/] {path.FullName} holds no blocks");
                    return ExitCodes.ModelUnusable;
                }

                BenchmarkTable.Print(console, body);
                return ExitCodes.Success;
            }
            catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
            {
                console.MarkupLineInterpolated($"[red]error:[/] cannot read {path.FullName}: {exception.Message}");
                return ExitCodes.ModelUnusable;
            }
        });
        return command;
    }

    /// <summary>The file as the body the agent writes; the service's answer (with <c>provenance</c>) is read as one.</summary>
    private static BenchmarkBody? Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("provenance", out _))
        {
            return JsonSerializer.Deserialize(text, AgentJson.Default.BenchmarkBody);
        }

        var stored = JsonSerializer.Deserialize(text, AgentJson.Default.BenchmarkResponse)!;
        var record = new BenchmarkRecord(
            stored.Resource,
            [.. (stored.Blocks ?? []).Select(b => new BenchmarkBlock(b.FirstLayer, b.LastLayer, b.LatencySeconds, b.OutputBytes))],
            stored.Provenance ?? new BenchmarkProvenance(),
            stored.StoredAt);
        return BenchmarkRun.Body(record);
    }
}
