using System.CommandLine;
using Spectre.Console;

namespace Scission.Agent;

/// <summary>The agent's command line; the console and HTTP handler are passed in so tests can drive it.</summary>
internal static class AgentApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, Func<HttpMessageHandler> handler)
    {
        var root = new RootCommand("Scission agent: benchmark a model's blocks on this machine with ONNX Runtime and report them to the service.");
        root.Subcommands.Add(BenchmarkCommand.Create(console, handler));
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
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
