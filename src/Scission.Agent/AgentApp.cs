using System.CommandLine;
using Spectre.Console;

namespace Scission.Agent;

/// <summary>The agent's command line; the console and HTTP handler are passed in so tests can drive it.</summary>
internal static class AgentApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, Func<HttpMessageHandler> handler, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Scission agent: benchmark a model's blocks on this machine with ONNX Runtime, measure network links, and report both to the service.");
        root.Subcommands.Add(BenchmarkCommand.Create(console, handler));
        root.Subcommands.Add(InfoCommand.Create(console));
        root.Subcommands.Add(TableCommand.Create(console));
        root.Subcommands.Add(ListenCommand.Create(console));
        root.Subcommands.Add(ProbeCommand.Create(console, handler));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            }

            return ExitCodes.Usage;
        }

        // Unexpected failures surface with their stack trace instead of a bare exit code 1.
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
    }
}
