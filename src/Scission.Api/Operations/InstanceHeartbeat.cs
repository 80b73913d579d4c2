using Microsoft.Extensions.Options;
using Scission.Domain.Catalog;

namespace Scission.Api.Operations;

/// <summary>
/// Says every few seconds that this process is alive, and fails the unfinished runs of any process that has
/// stopped saying so (killed, crashed, or its container replaced): no run stays "running" for ever. Processes
/// unheard for longer than <see cref="OperationOptions.ForgetAfter"/> with nothing left unfinished are forgotten.
/// </summary>
internal sealed partial class InstanceHeartbeat(IOperationStore operations, TimeProvider clock, IOptions<OperationOptions> options, ILogger<InstanceHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var staleAfter = options.Value.StaleAfter;
        // Six beats to the stale limit: a busy host or a slow store may miss a few without losing its runs.
        using var timer = new PeriodicTimer(staleAfter / 6, clock);
        do
        {
            try
            {
                var now = clock.GetUtcNow();
                await operations.HeartbeatAsync(BenchmarkRunQueue.Owner, now, stoppingToken);
                var abandoned = await operations.AbandonOrphansAsync(BenchmarkRunQueue.Owner, now - staleAfter, "the process running it stopped before it finished", now, stoppingToken);
                if (abandoned > 0)
                {
                    LogAbandoned(logger, abandoned);
                }

                await operations.ForgetInstancesAsync(now - options.Value.ForgetAfter, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A store that is briefly away must not stop the host; the next beat tries again.
                LogBeatFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} benchmark run(s) of a stopped process were marked failed")]
    private static partial void LogAbandoned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}

/// <summary>Section <c>Operations</c>.</summary>
internal sealed class OperationOptions
{
    /// <summary>How long a process may go unheard before its unfinished runs are failed by another.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stopped process is remembered (its runs already failed) before it is forgotten.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromDays(1);
}
