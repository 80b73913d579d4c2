using Scission.Domain.Catalog;
using Scission.Onnx;
using Scission.Infrastructure.Onnx;

namespace Scission.Api.Operations;

/// <summary>Runs queued benchmarks one at a time with ONNX Runtime and stores each result as the resource's benchmark.</summary>
internal sealed partial class BenchmarkRunService(
    BenchmarkRunQueue queue,
    IOperationStore operations,
    OnnxModelFiles files,
    IModelStore models,
    TimeProvider clock,
    ILogger<BenchmarkRunService> logger)
    : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
            {
                queue.Taken();
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
        OperationRecord? operation = null;
        try
        {
            operation = await operations.GetAsync(id, stoppingToken);
            if (operation is null)
            {
                LogRunFailed(logger, id, "the operation is no longer in the store");
                return;
            }

            operation = await SaveAsync(operation with { Status = "running", Progress = "loading the model" }, stoppingToken);
            var model = await files.LoadAsync(operation.Model, stoppingToken) ?? throw new OnnxModelException($"model '{operation.Model}' has no ONNX file");
            var bytes = await models.GetFileAsync(operation.Model, stoppingToken) ?? throw new OnnxModelException($"model '{operation.Model}' has no ONNX file");
            var settings = new ProfileSettings { Repeats = operation.Repeats, Warmup = operation.Warmup, TargetSessions = operation.Sessions };
            var profile = await ProfileWithProgressAsync(operation, model, bytes, settings, stoppingToken);
            var outcome = await models.PutBenchmarkAsync(operation.Model, BenchmarkFromProfile.Record(operation.Resource, model.Analysis, profile, settings, clock.GetUtcNow()), null, stoppingToken);
            await SaveAsync(
                outcome.Failure is null
                    ? operation with { Status = "succeeded", Progress = null, ResultHref = $"/v1/models/{operation.Model}/benchmarks/{Uri.EscapeDataString(operation.Resource)}" }
                    : operation with { Status = "failed", Progress = null, Error = outcome.Detail },
                stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (operation is not null)
            {
                await TryFailAsync(operation, "the service shut down during the run");
            }

            throw;
        }
        catch (Exception exception) when (exception is OnnxModelException or EquivalenceException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            LogRunFailed(logger, id, exception.Message);
            await TryFailAsync(operation, exception.Message);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Anything else (a storage error, a failure while saving progress) fails this run, never the host.
            LogRunCrashed(logger, exception, id);
            await TryFailAsync(operation, $"the run failed unexpectedly: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Marks the run failed; if even that cannot be stored, logs it and lets the next start sweep the run.</summary>
    private async Task TryFailAsync(OperationRecord? operation, string error)
    {
        if (operation is null)
        {
            return;
        }

        try
        {
            await SaveAsync(operation with { Status = "failed", Progress = null, Error = error }, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogRunCrashed(logger, exception, operation.Id);
        }
    }

    private async Task<OperationRecord> SaveAsync(OperationRecord operation, CancellationToken cancellationToken)
    {
        var saved = operation with { UpdatedAt = clock.GetUtcNow() };
        await operations.UpdateAsync(saved, cancellationToken);
        return saved;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Benchmark run {Id} failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, string id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Benchmark run {Id} failed unexpectedly")]
    private static partial void LogRunCrashed(ILogger logger, Exception exception, string id);

    /// <summary>
    /// Profiles on a thread of its own while progress is written to the store from here, at most every
    /// <see cref="ProgressInterval"/>: the profiling thread only records where it is, so it never waits on the
    /// store and the timings pay nothing for being watched. A store that fails while progress is written stops the
    /// profile and fails the run with that error.
    /// </summary>
    private async Task<ModelProfile> ProfileWithProgressAsync(OperationRecord operation, OnnxModel model, byte[] bytes, ProfileSettings settings, CancellationToken stoppingToken)
    {
        string? latest = null;
        var progress = new LatestProgress(p => Volatile.Write(ref latest, p.Block < 0 ? "whole model" : $"block {p.Block + 1} of {p.BlockCount}"));
        using var stopProfile = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // A thread of its own, not one of the pool's: a profile blocks for seconds to minutes, and a pool worker held
        // that long starves the timers and requests that share the pool (the progress writer among them).
        var profiling = Task.Factory.StartNew(
            () => OnnxProfiler.Profile(model, bytes, settings, progress, stopProfile.Token),
            stopProfile.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var writing = WriteProgressAsync(operation, () => Volatile.Read(ref latest), stopWriting.Token);
        if (await Task.WhenAny(profiling, writing) == writing && writing.IsFaulted)
        {
            await stopProfile.CancelAsync();
            await profiling.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            await writing;
        }

        try
        {
            return await profiling;
        }
        finally
        {
            await stopWriting.CancelAsync();
            await writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task WriteProgressAsync(OperationRecord operation, Func<string?> latest, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ProgressInterval, clock);
        string? written = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (latest() is { } text && text != written)
                {
                    await SaveAsync(operation with { Progress = text }, stop);
                    written = text;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private sealed class LatestProgress(Action<ProfileProgress> report) : IProgress<ProfileProgress>
    {
        public void Report(ProfileProgress value) => report(value);
    }
}
