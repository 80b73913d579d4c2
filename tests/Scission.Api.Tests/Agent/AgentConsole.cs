using Scission.Agent;
using Spectre.Console;

namespace Scission.Api.Tests.Agent;

/// <summary>Runs the agent's command line in-process against a test service, capturing what it prints.</summary>
internal sealed class AgentConsole(Func<HttpMessageHandler> handler)
{
    private readonly System.Text.StringBuilder _output = new();

    // One synchronised writer for every run, so listen and probe printing at once take the same lock.
    private TextWriter? _writer;

    public string Output
    {
        get
        {
            lock (Writer)
            {
                return _output.ToString();
            }
        }
    }

    private TextWriter Writer => LazyInitializer.EnsureInitialized(ref _writer, () => TextWriter.Synchronized(new StringWriter(_output)));

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Writer),
        });
        console.Profile.Width = 240;
        return AgentApp.RunAsync(args, console, handler, cancellationToken);
    }
}
