using System.CommandLine;
using Spectre.Console;

namespace Scission.Agent;

/// <summary><c>listen</c>: run the receiver that <c>probe</c> measures a link against, until interrupted.</summary>
internal static class ListenCommand
{
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    public static Command Create(IAnsiConsole console)
    {
        var port = new Option<int>("--port") { Required = true, Description = "TCP port to listen on" };
        var bind = new Option<string>("--bind") { DefaultValueFactory = _ => "*", Description = "host name or address to listen on (* for every address)" };
        var apiKey = new Option<string?>("--api-key") { Description = "require this key (X-Api-Key) on every probe" };
        var maxBytes = new Option<long>("--max-bytes") { DefaultValueFactory = _ => DefaultMaxBytes, Description = "largest payload accepted or sent" };
        var command = new Command("listen", "receive link probes from another machine's agent") { port, bind, apiKey, maxBytes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(port) is < 1 or > 65535 || parse.GetValue(maxBytes) < 1)
            {
                console.MarkupLine("[red]error:[/] --port must be 1-65535 and --max-bytes at least 1");
                return ExitCodes.InvalidOptions;
            }

            if (string.IsNullOrWhiteSpace(parse.GetValue(bind)) || parse.GetValue(bind)!.Any(c => c is '/' or ' ' or '?' or '#'))
            {
                console.MarkupLine("[red]error:[/] --bind must be a host name, an address, or * for every address");
                return ExitCodes.InvalidOptions;
            }

            using var receiver = new ProbeReceiver(parse.GetValue(bind)!, parse.GetValue(port), parse.GetValue(apiKey), parse.GetValue(maxBytes));
            try
            {
                receiver.Start();
            }
            catch (System.Net.HttpListenerException exception)
            {
                console.MarkupLineInterpolated($"[red]error:[/] cannot listen on port {parse.GetValue(port)}: {exception.Message}");
                return ExitCodes.InvalidOptions;
            }

            console.MarkupLineInterpolated($"listening for probes on http://{parse.GetValue(bind)}:{parse.GetValue(port)}{ProbeIdentity.Root}");
            if (string.IsNullOrEmpty(parse.GetValue(apiKey)))
            {
                console.MarkupLine("[yellow]warning:[/] no --api-key: anyone who reaches this port can make this machine send and receive up to --max-bytes per request");
            }
            await receiver.ServeAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
