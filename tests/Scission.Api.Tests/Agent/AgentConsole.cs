using Scission.Agent;
using Spectre.Console;

namespace Scission.Api.Tests.Agent;

/// <summary>Runs the agent's command line in-process against a test service, capturing what it prints.</summary>
internal sealed class AgentConsole(Func<HttpMessageHandler> handler)
{
    // A StringBuilder, not a StringWriter: nothing to dispose, and listen and probe may print at once.
    private readonly System.Text.StringBuilder _output = new();

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(TextWriter.Synchronized(new StringWriter(_output))),
        });
        console.Profile.Width = 240;
        return AgentApp.RunAsync(args, console, handler, cancellationToken);
    }
}
