using Scission.Domain.Catalog;
using Scission.Infrastructure.Onnx;

namespace Scission.Api.Operations;

/// <summary>Runs queued benchmarks one at a time with ONNX Runtime and stores each result as the resource's benchmark.</summary>
internal sealed partial class BenchmarkRunService(BenchmarkRunQueue queue, OnnxModelFiles files, IModelStore models, TimeProvider clock, ILogger<BenchmarkRunService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the run in progress was cancelled and marked failed.
        }
    }

    private async Task RunAsync(string id, CancellationToken stoppingToken)
    {
        var operation = queue.Get(id)!;
        var (repeats, warmup) = queue.SettingsOf(id);
        queue.Update(id, o => o with { Status = "running", Progress = "loading the model" });
        try
        {
            var model = await files.LoadAsync(operation.Model, stoppingToken) ?? throw new OnnxModelException($"model '{operation.Model}' has no ONNX file");
            var bytes = await models.GetFileAsync(operation.Model, stoppingToken) ?? throw new OnnxModelException($"model '{operation.Model}' has no ONNX file");
            var progress = new Progress<ProfileProgress>(p => queue.Update(id, o => o with { Progress = p.Block < 0 ? "whole model" : $"block {p.Block + 1} of {p.BlockCount}" }));
            var profile = await Task.Run(() => OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = repeats, Warmup = warmup }, progress, stoppingToken), stoppingToken);
            var benchmark = BenchmarkFromProfile.Record(operation.Resource, model.Analysis, profile, clock.GetUtcNow());
            var outcome = await models.PutBenchmarkAsync(operation.Model, benchmark, stoppingToken);
            queue.Update(id, o => outcome.Failure is null
                ? o with { Status = "succeeded", Progress = null, ResultHref = $"/v1/models/{operation.Model}/benchmarks/{Uri.EscapeDataString(operation.Resource)}" }
                : o with { Status = "failed", Progress = null, Error = outcome.Detail });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            queue.Update(id, o => o with { Status = "failed", Progress = null, Error = "the service shut down during the run" });
            throw;
        }
        catch (Exception exception) when (exception is OnnxModelException or EquivalenceException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            LogRunFailed(logger, id, exception.Message);
            queue.Update(id, o => o with { Status = "failed", Progress = null, Error = exception.Message });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Benchmark run {Id} failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, string id, string reason);
}
