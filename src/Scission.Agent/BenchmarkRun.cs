using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scission.Onnx;
using Spectre.Console;

namespace Scission.Agent;

/// <summary>One <c>benchmark</c> invocation: fetch or read, analyse, profile, report.</summary>
internal sealed class BenchmarkRun(IAnsiConsole console, Func<HttpMessageHandler> handler)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<int> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var problem = options.Problem() ?? (options.Dimensions() is null ? $"--dims must be {InputDimensions.Rule}" : null);
        if (problem is not null)
        {
            return Fail(ExitCodes.InvalidOptions, problem);
        }

        using var http = options.Server is null ? null : new HttpClient(handler(), disposeHandler: true) { BaseAddress = options.ServerUri };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            http?.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
        }

        try
        {
            var modelPath = $"/v1/models/{Uri.EscapeDataString(options.Model)}";
            var serverModel = http is null ? null : await GetJsonAsync(http, modelPath, cancellationToken);
            var bytes = options.File is { } file ? await File.ReadAllBytesAsync(file.FullName, cancellationToken) : await FetchAsync(http!, modelPath + "/file", cancellationToken);
            if (bytes is null)
            {
                return Fail(ExitCodes.ModelUnusable, $"the service has no ONNX file for model '{options.Model}'; pass --file");
            }

            var dimensions = options.Dimensions()!;
            if (dimensions.Count == 0 && serverModel?["onnx"]?["dimensions"] is JsonObject known)
            {
                dimensions = known.ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());
            }

            var model = OnnxModel.Analyze(bytes, dimensions);
            if (serverModel?["layout"] is JsonArray layout && !SameLayout(layout, model.Analysis))
            {
                return Fail(ExitCodes.ModelUnusable, $"this file's blocks differ from model '{options.Model}' on the service; is it the same model?");
            }

            var profile = Profile(model, bytes, options, cancellationToken);
            Print(options, model.Analysis, profile);
            var body = Body(model.Analysis, profile);
            if (options.Output is { } output)
            {
                await File.WriteAllTextAsync(output.FullName, body.ToJsonString(Json), cancellationToken);
                console.MarkupLineInterpolated($"written to [bold]{output.FullName}[/]");
            }

            return http is null ? ExitCodes.Success : await UploadAsync(http, options, body, cancellationToken);
        }
        catch (OnnxModelException exception)
        {
            return Fail(ExitCodes.ModelUnusable, exception.Message);
        }
        catch (EquivalenceException exception)
        {
            return Fail(ExitCodes.NotEquivalent, $"the blocks chained do not reproduce the whole model's output, so the timings are void: {exception.Message}");
        }
        catch (IOException exception)
        {
            return Fail(ExitCodes.ModelUnusable, exception.Message);
        }
        catch (HttpRequestException exception)
        {
            return Fail(ExitCodes.ServerError, $"cannot reach {options.Server}: {exception.Message}");
        }
    }

    private ModelProfile Profile(OnnxModel model, byte[] bytes, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ModelProfile? profile = null;
        var blocks = model.Analysis.Blocks.Count;
        console.Progress().Start(context =>
        {
            var task = context.AddTask($"{options.Model}: whole model", maxValue: blocks + 1);
            var progress = new SynchronousProgress<ProfileProgress>(p =>
            {
                task.Description = p.Block < 0 ? $"{options.Model}: whole model" : $"{options.Model}: block {p.Block + 1} of {p.BlockCount}";
                task.Value = p.Block + 1;
            });
            var settings = new ProfileSettings { Repeats = options.Repeats, Warmup = options.Warmup, IntraOpThreads = options.Threads };
            profile = OnnxProfiler.Profile(model, bytes, settings, progress, cancellationToken);
            task.Value = blocks + 1;
        });
        return profile!;
    }

    private void Print(BenchmarkOptions options, OnnxAnalysis analysis, ModelProfile profile)
    {
        var table = new Table().AddColumns("Block", "Layers", "Median ms", "P90 ms", "Output KB");
        foreach (var block in profile.Blocks)
        {
            table.AddRow(
                block.Block.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{block.FirstLayer}-{block.LastLayer}",
                (block.MedianSeconds * 1000).ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
                (block.P90Seconds * 1000).ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
                (analysis.Blocks[block.Block].Output.Bytes / 1024.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"{options.Model}: whole model {profile.WholeMedianSeconds * 1000:F3} ms, sum of blocks {profile.SumOfBlocksMedianSeconds * 1000:F3} ms (ratio {profile.Ratio:F3}), outputs agree within {profile.MaxAbsoluteDifference:G3}");
    }

    /// <summary>The benchmark route's body, with the profile's summary alongside (the service ignores what it does not know).</summary>
    private static JsonObject Body(OnnxAnalysis analysis, ModelProfile profile)
    {
        var record = BenchmarkFromProfile.Record("", analysis, profile, DateTimeOffset.UtcNow);
        var body = new JsonObject
        {
            ["blocks"] = new JsonArray([.. record.Blocks.Select(b => (JsonNode)new JsonObject
            {
                ["firstLayer"] = b.FirstLayer,
                ["lastLayer"] = b.LastLayer,
                ["latencySeconds"] = b.LatencySeconds,
                ["outputBytes"] = b.OutputBytes,
            })]),
            ["repeats"] = record.Provenance.Repeats,
            ["runtime"] = record.Provenance.Runtime,
            ["executionProvider"] = record.Provenance.ExecutionProvider,
            ["threads"] = record.Provenance.Threads,
            ["cpu"] = record.Provenance.Cpu,
            ["operatingSystem"] = record.Provenance.OperatingSystem,
            ["notes"] = record.Provenance.Notes,
            ["measuredAt"] = record.Provenance.MeasuredAt,
            ["wholeMedianMs"] = profile.WholeMedianSeconds * 1000,
            ["sumOfBlocksMedianMs"] = profile.SumOfBlocksMedianSeconds * 1000,
            ["ratio"] = profile.Ratio,
        };
        return body;
    }

    private async Task<int> UploadAsync(HttpClient http, BenchmarkOptions options, JsonObject body, CancellationToken cancellationToken)
    {
        var path = $"/v1/models/{Uri.EscapeDataString(options.Model)}/benchmarks/{Uri.EscapeDataString(options.Resource!)}";
        using var response = await http.PutAsJsonAsync(path, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return Fail(ExitCodes.ServerError, $"the service refused the benchmark ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        console.MarkupLineInterpolated($"[green]stored[/] as the benchmark of [bold]{options.Model}[/] on [bold]{options.Resource}[/] ({path})");
        return ExitCodes.Success;
    }

    private static async Task<JsonNode?> GetJsonAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
    }

    private static async Task<byte[]?> FetchAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
    }

    private static bool SameLayout(JsonArray layout, OnnxAnalysis analysis) =>
        layout.Count == analysis.Blocks.Count
        && layout.Zip(analysis.Blocks).All(pair => pair.First!["firstLayer"]!.GetValue<int>() == pair.Second.FirstLayer && pair.First["lastLayer"]!.GetValue<int>() == pair.Second.LastLayer);

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
