using Spectre.Console;

namespace Scission.Agent;

internal static class AgentProgram
{
    public static Task<int> Main(string[] args) => AgentApp.RunAsync(args, AnsiConsole.Console, () => new HttpClientHandler());
}
