using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scission.Contracts;
using Scission.Domain.Catalog;
using Spectre.Console;

namespace Scission.Agent;

/// <summary>
/// <c>probe</c>: measure the link from this machine to a receiver (<c>listen</c>) and store it as the link
/// <c>--from → --target</c> of a network, with the measurement as its provenance; <c>--both</c> also measures the
/// reverse direction, the receiver sending.
/// </summary>
internal static class ProbeCommand
{
    public static Command Create(IAnsiConsole console, Func<HttpMessageHandler> handler)
    {
        var to = new Option<string>("--to") { Required = true, Description = "the receiver, e.g. http://edge-box:7070" };
        var from = new Option<string>("--from") { Required = true, Description = "this machine's resource name" };
        var target = new Option<string>("--target") { Required = true, Description = "the receiver's resource name" };
        var network = new Option<string>("--network") { DefaultValueFactory = _ => "default", Description = "the network the link belongs to" };
        var server = new Option<string?>("--server") { Description = "the Scission service to store the link on" };
        var apiKey = new Option<string?>("--api-key") { Description = "sent as X-Api-Key to the service (never to the receiver)" };
        var receiverKey = new Option<string?>("--receiver-key") { Description = "the receiver's --api-key" };
        var both = new Option<bool>("--both") { Description = "also measure the reverse direction (the receiver sending)" };
        var maxBytes = new Option<int>("--max-bytes") { DefaultValueFactory = _ => 16 * 1024 * 1024, Description = "the largest payload" };
        var sizes = new Option<int>("--sizes") { DefaultValueFactory = _ => 12, Description = "payload sizes, 0 to --max-bytes on a log scale" };
        var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 5, Description = "transfers of each size" };
        var timeLimit = new Option<double>("--time-limit") { DefaultValueFactory = _ => 120, Description = "seconds the whole probe may take at most" };
        var output = new Option<FileInfo?>("--output") { Description = "also write the measured links as JSON here (works offline)" };
        var command = new Command("probe", "measure round-trip time and bandwidth to a receiver and store the link")
        {
            to, from, target, network, server, apiKey, receiverKey, both, maxBytes, sizes, repeats, timeLimit, output,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            handler,
            new ProbeOptions(
                parse.GetValue(to)!,
                parse.GetValue(from)!,
                parse.GetValue(target)!,
                parse.GetValue(network)!,
                parse.GetValue(server),
                parse.GetValue(apiKey),
                parse.GetValue(receiverKey),
                parse.GetValue(both),
                new ProbePlan(parse.GetValue(maxBytes), parse.GetValue(sizes), parse.GetValue(repeats), TimeSpan.FromSeconds(double.IsNaN(parse.GetValue(timeLimit)) ? 0 : Math.Clamp(parse.GetValue(timeLimit), 0, 86_400))),
                parse.GetValue(output)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, Func<HttpMessageHandler> handler, ProbeOptions options, CancellationToken cancellationToken)
    {
        if (options.Problem() is { } problem)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {problem}");
            return ExitCodes.InvalidOptions;
        }

        if (options.Server is not null && await UnregisteredAsync(handler, options, cancellationToken) is { } unregistered)
        {
            // Found before measuring, not after, where storing the link would be refused.
            console.MarkupLineInterpolated($"[red]error:[/] {unregistered}");
            return ExitCodes.ServerError;
        }

        // One kept-alive connection to the receiver, so every transfer after the warm-up pays no handshake.
        using var receiver = AgentHttp.Client(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }, AgentHttp.HttpUri(options.To)!, options.ReceiverKey);
        var links = new List<LinkResponse>();
        var reverseFailed = false;
        try
        {
            // --time-limit bounds the whole probe, the first request included: each step gets what is left.
            var started = System.Diagnostics.Stopwatch.StartNew();
            TimeSpan Left() => TimeSpan.FromTicks(Math.Max(0, (options.Plan.TimeLimit - started.Elapsed).Ticks));
            var cap = await IdentifyAsync(receiver, options, cancellationToken);
            var plan = options.Plan with { MaxBytes = (int)Math.Min(options.Plan.MaxBytes, cap) };
            links.Add(Link(options.From, options.Target, await new LinkProbe(receiver, plan with { TimeLimit = Left() }).MeasureAsync(download: false, options.From, cancellationToken)));
            if (options.Both)
            {
                try
                {
                    var reverse = new LinkProbe(receiver, plan with { TimeLimit = Left() });
                    links.Add(Link(options.Target, options.From, await reverse.MeasureAsync(download: true, options.From, cancellationToken)));
                }
                catch (ProbeException exception)
                {
                    // The forward direction was measured: keep it, and say the reverse was not.
                    console.MarkupLineInterpolated($"[red]error:[/] {options.Target} -> {options.From} was not measured: {exception.Message}");
                    reverseFailed = true;
                }
            }
        }
        catch (ProbeException exception)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
            return ExitCodes.ProbeFailed;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            console.MarkupLineInterpolated($"[red]error:[/] the receiver at {options.To} did not answer: {exception.Message}");
            return ExitCodes.ProbeFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]cancelled[/]: nothing was stored");
            return ExitCodes.Cancelled;
        }

        var stored = await ReportAsync(console, handler, options, links, cancellationToken);
        return stored == ExitCodes.Success && reverseFailed ? ExitCodes.ProbeFailed : stored;
    }

    /// <summary>Why the link could not be stored on --server (an end not registered, or no service there), or <c>null</c>.</summary>
    private static async Task<string?> UnregisteredAsync(Func<HttpMessageHandler> handler, ProbeOptions options, CancellationToken cancellationToken)
    {
        using var http = AgentHttp.Client(handler(), AgentHttp.HttpUri(options.Server)!, options.ApiKey);
        var client = new ScissionClient(http);
        try
        {
            foreach (var resource in new[] { options.From, options.Target })
            {
                if (!await client.HasResourceAsync(resource, cancellationToken))
                {
                    return $"resource '{resource}' is not registered on {options.Server}: PUT /v1/resources/{resource} first";
                }
            }

            return null;
        }
        catch (HttpRequestException exception)
        {
            return $"cannot reach {options.Server}: {exception.Message}";
        }
    }

    /// <summary>The receiver's cap on payloads, asked within the probe's time limit.</summary>
    private static async Task<long> IdentifyAsync(HttpClient receiver, ProbeOptions options, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Plan.TimeLimit);
        try
        {
            return await new LinkProbe(receiver, options.Plan).IdentifyAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ProbeException($"the receiver at {options.To} did not answer within the time limit of {options.Plan.TimeLimit.TotalSeconds:0.###} s");
        }
    }

    /// <summary>Prints the links, writes them to --output, stores them on --server.</summary>
    private static async Task<int> ReportAsync(IAnsiConsole console, Func<HttpMessageHandler> handler, ProbeOptions options, List<LinkResponse> links, CancellationToken cancellationToken)
    {
        Print(console, links);
        if (options.Output is { } file)
        {
            await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(links.ToArray(), AgentJson.Indented.LinkResponseArray), cancellationToken);
            console.MarkupLineInterpolated($"written to [bold]{file.FullName}[/]");
        }

        return options.Server is null ? ExitCodes.Success : await StoreAsync(console, handler, options, links, cancellationToken);
    }

    private static LinkResponse Link(string source, string destination, LinkMeasurement measurement) =>
        new(source, destination, measurement.RttMs, measurement.BandwidthMbps, measurement);

    private static async Task<int> StoreAsync(IAnsiConsole console, Func<HttpMessageHandler> handler, ProbeOptions options, List<LinkResponse> links, CancellationToken cancellationToken)
    {
        using var http = AgentHttp.Client(handler(), AgentHttp.HttpUri(options.Server)!, options.ApiKey);
        var client = new ScissionClient(http);
        try
        {
            foreach (var link in links)
            {
                var body = new LinkBody { LatencyMs = link.LatencyMs, BandwidthMbps = link.BandwidthMbps, Measurement = link.Measurement };
                var reply = await client.PutLinkAsync(options.Network, link.Source, link.Destination, body, cancellationToken);
                if (!reply.Succeeded)
                {
                    console.MarkupLineInterpolated($"[red]error:[/] the service refused the link ({reply.Status}): {reply.Problem}");
                    return ExitCodes.ServerError;
                }

                console.MarkupLineInterpolated($"[green]stored[/] {reply.Path}");
            }

            return ExitCodes.Success;
        }
        catch (HttpRequestException exception)
        {
            console.MarkupLineInterpolated($"[red]error:[/] cannot reach {options.Server}: {exception.Message}");
            return ExitCodes.ServerError;
        }
    }

    private static void Print(IAnsiConsole console, List<LinkResponse> links)
    {
        var table = new Table().AddColumns("Link", "Method", "RTT ms", "Empty request ms", "Bandwidth Mbit/s", "Spread %", "Fit residual ms", "Samples");
        foreach (var link in links)
        {
            var m = link.Measurement!;
            table.AddRow(
                Markup.Escape($"{link.Source} -> {link.Destination}"),
                m.Method,
                m.RttMs.ToString("F2", CultureInfo.InvariantCulture),
                m.ZeroByteMedianMs?.ToString("F2", CultureInfo.InvariantCulture) ?? "",
                m.BandwidthMbps.ToString("F2", CultureInfo.InvariantCulture),
                m.SpreadPercent?.ToString("F1", CultureInfo.InvariantCulture) ?? "",
                m.FitResidualMs?.ToString("F2", CultureInfo.InvariantCulture) ?? "",
                m.Samples?.ToString(CultureInfo.InvariantCulture) ?? "");
        }

        console.Write(table);
        foreach (var m in links.Select(l => l.Measurement!))
        {
            // The fit's intercept and the empty requests measure the same round trip; far apart, one of them is off.
            if (m.ZeroByteMedianMs is { } empty && Math.Abs(empty - m.RttMs) > Math.Max(1, 0.2 * empty))
            {
                console.MarkupLineInterpolated($"[yellow]warning:[/] {m.Method}: the fit's round trip ({m.RttMs:F2} ms) and the empty requests' ({empty:F2} ms) disagree; the link may be unsteady, probe again");
            }
        }
    }
}

internal sealed record ProbeOptions(string To, string From, string Target, string Network, string? Server, string? ApiKey, string? ReceiverKey, bool Both, ProbePlan Plan, FileInfo? Output)
{
    public const int LargestPayload = 1 << 30;

    /// <summary>Below this the log-spaced sizes collapse onto one another and no slope can be seen.</summary>
    public const int SmallestPayloadCap = 64 * 1024;

    /// <summary>Why the options cannot work together, or <c>null</c>.</summary>
    public string? Problem() => this switch
    {
        _ when AgentHttp.HttpUri(To) is null => $"--to '{To}' is not an http(s) URL",
        { Server: not null } when AgentHttp.HttpUri(Server) is null => $"--server '{Server}' is not an http(s) URL",
        { Server: null, Output: null } => "nothing to report to: give --server, --output or both",
        _ when string.IsNullOrWhiteSpace(From) || string.IsNullOrWhiteSpace(Target) || From == Target => "--from and --target must name two different resources",
        { Plan.MaxBytes: < SmallestPayloadCap or > LargestPayload } => $"--max-bytes must be {SmallestPayloadCap} to {LargestPayload}",
        { Plan.SizeCount: < 3 or > 64 } => "--sizes must be 3 to 64",
        { Plan.Repeats: < 1 or > 1000 } => "--repeats must be 1 to 1000",
        { Plan.TimeLimit.TotalSeconds: <= 0 } => "--time-limit must be above 0 seconds",
        _ when AgentHttp.OutputProblem(Output) is { } output => output,
        _ => null,
    };
}
