using System.CommandLine;
using Scission.Contracts;
using Scission.Onnx;
using Spectre.Console;

namespace Scission.Agent;

/// <summary>
/// <c>benchmark</c>: get the model (a local file or the service's copy), profile every block, print a table, and
/// upload the result as this resource's benchmark and/or write it to a file.
/// </summary>
internal static class BenchmarkCommand
{
    public static Command Create(IAnsiConsole console, Func<HttpMessageHandler> handler)
    {
        var server = new Option<string?>("--server") { Description = "the Scission service, e.g. http://scission:8080" };
        var resource = new Option<string?>("--resource") { Description = "the name this machine is registered under" };
        var model = new Option<string>("--model") { Required = true, Description = "the model's name on the service" };
        var file = new Option<FileInfo?>("--file") { Description = "an ONNX file; otherwise the service's copy is fetched" };
        var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 10, Description = "timed runs per block" };
        var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 2, Description = "untimed runs first" };
        var minSeconds = new Option<double>("--min-seconds") { DefaultValueFactory = _ => 0, Description = "keep timing each block until this many seconds have passed as well as --repeats runs" };
        var statistic = new Option<string>("--statistic") { DefaultValueFactory = _ => Statistics.Median, Description = "the statistic stored as each block's latency" };
        statistic.AcceptOnlyFromAmong([.. Statistics.Names]);
        var provider = new Option<string>("--provider") { DefaultValueFactory = _ => ExecutionProviders.Cpu, Description = $"ONNX Runtime execution provider: {string.Join(", ", ExecutionProviders.Names)}" };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 0, Description = "ONNX Runtime intra-op threads (0: its default)" };
        var dims = new Option<string?>("--dims") { Description = "values for symbolic input dimensions, e.g. dim2:640,dim3:640 (default: the service's)" };
        var cuts = new Option<string?>("--cuts") { Description = $"which cuts make blocks: {CutRule.Rule} (default: the service's, else {CutRule.Default})" };
        var vocabulary = new Option<long?>("--vocabulary") { Description = $"token ids of integer inputs are drawn below this (default: the service's, else {DeterministicInput.DefaultVocabulary})" };
        var sessions = new Option<int?>("--sessions") { Description = $"about how many sessions measure the blocks: small adjacent blocks are measured together beyond this; 0 measures each block alone (default: 0 on the CPU provider, {ProfileSettings.GroupedTargetSessions} on others, whose sessions cost more)" };
        var apiKey = new Option<string?>("--api-key") { Description = "sent as X-Api-Key on writes" };
        var output = new Option<FileInfo?>("--output") { Description = "also write the benchmark as JSON here (works offline)" };
        var command = new Command("benchmark", "benchmark every block of a model on this machine")
        {
            server, resource, model, file, repeats, warmup, minSeconds, statistic, provider, threads, dims, cuts, vocabulary, sessions, apiKey, output,
        };
        command.SetAction((parse, cancellationToken) => new BenchmarkRun(console, handler).RunAsync(
            new BenchmarkOptions(
                parse.GetValue(server),
                parse.GetValue(resource),
                parse.GetValue(model)!,
                parse.GetValue(file),
                parse.GetValue(repeats),
                parse.GetValue(warmup),
                parse.GetValue(threads),
                new MeasureOptions(parse.GetValue(minSeconds), parse.GetValue(statistic)!, parse.GetValue(provider)!, parse.GetValue(sessions)),
                new ShapeOptions(parse.GetValue(dims), parse.GetValue(cuts), parse.GetValue(vocabulary)),
                parse.GetValue(apiKey),
                parse.GetValue(output)),
            cancellationToken));
        return command;
    }
}

internal sealed record BenchmarkOptions(string? Server, string? Resource, string Model, FileInfo? File, int Repeats, int Warmup, int Threads, MeasureOptions Measure, ShapeOptions Shape, string? ApiKey, FileInfo? Output)
{
    /// <summary>The service's address, when <see cref="Server"/> is an absolute http(s) URL.</summary>
    public Uri? ServerUri => AgentHttp.HttpUri(Server);

    /// <summary>Why the options cannot work together, or <c>null</c>.</summary>
    public string? Problem() => this switch
    {
        { Server: not null, ServerUri: null } => $"--server '{Server}' is not an http(s) URL",
        { Server: null, Output: null } => "nothing to report to: give --server, --output or both",
        { Server: null, File: null } => "offline (no --server) the model must come from --file",
        { Server: not null, Resource: null or "" } => "--resource is required to upload to --server",
        _ when AgentHttp.OutputProblem(Output) is { } output => output,
        { Repeats: < 1 } => "--repeats must be at least 1",
        { Warmup: < 0 } => "--warmup must not be negative",
        { Threads: < 0 } => "--threads must not be negative",
        { Measure.MinSeconds: < 0 or double.NaN or double.PositiveInfinity } => "--min-seconds must be a finite number of seconds, 0 or more",
        { Measure.Sessions: < 0 or > ProfileSettings.MaxTargetSessions } => $"--sessions must be from 0 to {ProfileSettings.MaxTargetSessions}",
        _ when InputDimensions.Parse(Shape.Dims) is null => $"--dims must be {InputDimensions.Rule}",
        _ when CutRule.Parse(Shape.Cuts) is null => $"--cuts must be {CutRule.Rule}",
        { Shape.Vocabulary: < 1 or > AnalysisOptions.MaxVocabulary } => $"--vocabulary must be from 1 to {AnalysisOptions.MaxVocabulary}",
        _ when !ExecutionProviders.IsKnown(Measure.Provider) => $"--provider must be one of {string.Join(", ", ExecutionProviders.Names)}",
        _ => null,
    };

    public ProfileSettings Settings() => new()
    {
        Repeats = Repeats,
        Warmup = Warmup,
        MinSeconds = Measure.MinSeconds,
        IntraOpThreads = Threads,
        Provider = Measure.Provider.ToLowerInvariant(),
        Statistic = Measure.Statistic,
        TargetSessions = Measure.Sessions,
    };
}

/// <summary>How long to measure, which statistic to keep, on which execution provider, in about how many sessions.</summary>
internal sealed record MeasureOptions(double MinSeconds, string Statistic, string Provider, int? Sessions = null);

/// <summary>
/// How the model is analysed: symbolic dimensions, cuts and vocabulary, each defaulting to what the service
/// analysed it with, so the agent's blocks are the service's.
/// </summary>
internal sealed record ShapeOptions(string? Dims, string? Cuts, long? Vocabulary)
{
    public AnalysisOptions Analysis(OnnxResponse? onServer)
    {
        var dimensions = InputDimensions.Parse(Dims)!;
        return new AnalysisOptions
        {
            // The service's dimensions, with any given here in their place.
            Dimensions = onServer?.Dimensions is { } known ? known.Concat(dimensions).GroupBy(d => d.Key).ToDictionary(g => g.Key, g => g.Last().Value) : dimensions,
            Cuts = CutRule.Parse(Cuts ?? onServer?.Cuts)!,
            Vocabulary = Vocabulary ?? onServer?.Vocabulary ?? DeterministicInput.DefaultVocabulary,
        };
    }
}
