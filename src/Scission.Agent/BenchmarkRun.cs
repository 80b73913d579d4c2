using System.Text.Json;
using Scission.Contracts;
using Scission.Domain.Catalog;
using Scission.Onnx;
using Spectre.Console;

namespace Scission.Agent;

/// <summary>One <c>benchmark</c> invocation: fetch or read, analyse, profile, report.</summary>
internal sealed class BenchmarkRun(IAnsiConsole console, Func<HttpMessageHandler> handler)
{
    public async Task<int> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        if (options.Problem() is { } problem)
        {
            return Fail(ExitCodes.InvalidOptions, problem);
        }

        using var http = options.Server is null ? null : AgentHttp.Client(handler(), options.ServerUri!, options.ApiKey);
        var client = http is null ? null : new ScissionClient(http);
        try
        {
            var serverModel = client is null ? null : await client.GetModelAsync(options.Model, cancellationToken);
            // What the upload would be refused for is found before minutes of measuring, not after.
            if (client is not null && serverModel is null)
            {
                return Fail(ExitCodes.ServerError, $"model '{options.Model}' is not registered on {options.Server}: register it (PUT /v1/models/{options.Model}, or upload its ONNX file there) first");
            }

            if (client is not null && !await client.HasResourceAsync(options.Resource!, cancellationToken))
            {
                return Fail(ExitCodes.ServerError, $"resource '{options.Resource}' is not registered on {options.Server}: PUT /v1/resources/{options.Resource} first");
            }

            var bytes = options.File is { } file ? await File.ReadAllBytesAsync(file.FullName, cancellationToken) : await client!.GetModelFileAsync(options.Model, cancellationToken);
            if (bytes is null)
            {
                return Fail(ExitCodes.ModelUnusable, $"the service has no ONNX file for model '{options.Model}'; pass --file");
            }

            var model = OnnxModel.Analyze(bytes, options.Shape.Analysis(serverModel?.Onnx));
            if (serverModel?.Layout is { } layout && !SameLayout(layout, model.Analysis))
            {
                return Fail(ExitCodes.ModelUnusable, options.Shape is { Dims: null, Cuts: null }
                    ? $"this file's blocks differ from model '{options.Model}' on the service; is it the same model?"
                    : $"with these --dims/--cuts the blocks differ from model '{options.Model}' on the service (cuts {serverModel.Onnx?.Cuts ?? "single"}); leave them out to use the service's");
            }

            var settings = options.Settings();
            var profile = Profile(model, bytes, options.Model, settings, cancellationToken);
            BenchmarkTable.Print(console, options.Model, model.Analysis, profile);
            var body = Body(BenchmarkFromProfile.Record(options.Resource ?? "", model.Analysis, profile, settings, DateTimeOffset.UtcNow));
            if (options.Output is { } output)
            {
                await File.WriteAllTextAsync(output.FullName, JsonSerializer.Serialize(body, AgentJson.Indented.BenchmarkBody), cancellationToken);
                console.MarkupLineInterpolated($"written to [bold]{output.FullName}[/]");
            }

            return client is null ? ExitCodes.Success : await UploadAsync(client, options, body, cancellationToken);
        }
        catch (ProviderUnavailableException exception)
        {
            return Fail(ExitCodes.ProviderUnavailable, exception.Message);
        }
        catch (OnnxModelException exception)
        {
            return Fail(ExitCodes.ModelUnusable, exception.Message);
        }
        catch (EquivalenceException exception)
        {
            return Fail(ExitCodes.NotEquivalent, $"the blocks chained do not reproduce the whole model's output, so the timings are void: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.ModelUnusable, exception.Message);
        }
        catch (HttpRequestException exception)
        {
            return Fail(ExitCodes.ServerError, $"the service at {options.Server} failed the request: {exception.Message}");
        }
        catch (Exception exception) when (exception is TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            return Fail(ExitCodes.ServerError, $"the service at {options.Server} did not answer as a Scission service: {exception.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]cancelled[/]: nothing was stored");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>The benchmark route's body: the record's blocks, with every statistic in its provenance.</summary>
    internal static BenchmarkBody Body(BenchmarkRecord record) => new()
    {
        Blocks = [.. record.Blocks.Select(b => new BlockBody { FirstLayer = b.FirstLayer, LastLayer = b.LastLayer, LatencySeconds = b.LatencySeconds, OutputBytes = b.OutputBytes })],
        Repeats = record.Provenance.Repeats,
        Runtime = record.Provenance.Runtime,
        ExecutionProvider = record.Provenance.ExecutionProvider,
        Threads = record.Provenance.Threads,
        Cpu = record.Provenance.Cpu,
        OperatingSystem = record.Provenance.OperatingSystem,
        Notes = record.Provenance.Notes,
        MeasuredAt = record.Provenance.MeasuredAt,
        Statistic = record.Provenance.Statistic,
        MinSeconds = record.Provenance.MinSeconds,
        BlockStatistics = record.Provenance.BlockStatistics?.ToArray(),
        WholeModel = record.Provenance.WholeModel,
        PeakWorkingSetBytes = record.Provenance.PeakWorkingSetBytes,
    };

    private ModelProfile Profile(OnnxModel model, byte[] bytes, string name, ProfileSettings settings, CancellationToken cancellationToken)
    {
        ModelProfile? profile = null;
        var blocks = model.Analysis.Blocks.Count;
        console.Progress().Start(context =>
        {
            var task = context.AddTask($"{name}: whole model", maxValue: blocks + 1);
            var progress = new SynchronousProgress<ProfileProgress>(p =>
            {
                task.Description = p.Block < 0 ? $"{name}: whole model" : $"{name}: block {p.Block + 1} of {p.BlockCount}";
                task.Value = p.Block + 1;
            });
            profile = OnnxProfiler.Profile(model, bytes, settings, progress, cancellationToken);
            task.Value = blocks + 1;
        });
        return profile!;
    }

    private async Task<int> UploadAsync(ScissionClient client, BenchmarkOptions options, BenchmarkBody body, CancellationToken cancellationToken)
    {
        var reply = await client.PutBenchmarkAsync(options.Model, options.Resource!, body, cancellationToken);
        if (!reply.Succeeded)
        {
            return Fail(ExitCodes.ServerError, $"the service refused the benchmark ({reply.Status}): {reply.Problem}");
        }

        console.MarkupLineInterpolated($"[green]stored[/] as the benchmark of [bold]{options.Model}[/] on [bold]{options.Resource}[/] ({reply.Path})");
        return ExitCodes.Success;
    }

    private static bool SameLayout(LayoutBlock[] layout, OnnxAnalysis analysis) =>
        layout.Length == analysis.Blocks.Count
        && layout.Zip(analysis.Blocks).All(pair => pair.First.FirstLayer == pair.Second.FirstLayer && pair.First.LastLayer == pair.Second.LastLayer);

    private int Fail(int code, string message)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return code;
    }

    /// <summary>Reports on the calling thread: the profile runs inside the progress display's callback.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
