using Scission.Domain.Catalog;

namespace Scission.Api.Operations;

/// <summary>
/// Says every few seconds that this process is alive, and fails the unfinished runs of any process that has
/// stopped saying so (killed, crashed, or its container replaced): no run stays "running" for ever.
/// </summary>
internal sealed partial class InstanceHeartbeat(IOperationStore operations, TimeProvider clock, ILogger<InstanceHeartbeat> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Six missed beats: long enough for a busy host or a slow store, short enough that users notice soon.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var now = clock.GetUtcNow();
                await operations.HeartbeatAsync(BenchmarkRunQueue.Owner, now, stoppingToken);
                var abandoned = await operations.AbandonOrphansAsync(BenchmarkRunQueue.Owner, now - StaleAfter, "the process running it stopped before it finished", now, stoppingToken);
                if (abandoned > 0)
                {
                    LogAbandoned(logger, abandoned);
                }
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
