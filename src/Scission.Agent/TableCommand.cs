using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Scission.Agent;

/// <summary><c>table</c>: print a benchmark written by <c>benchmark --output</c>; works anywhere, without the runtime.</summary>
internal static class TableCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "a benchmark written with --output" };
        var command = new Command("table", "print a benchmark file as a table") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                using var stream = path.OpenRead();
                var body = JsonSerializer.Deserialize(stream, AgentJson.Default.BenchmarkBody);
                if (body?.Blocks is null)
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
}
