using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Scission.Infrastructure.Storage;

/// <summary>
/// A store that cannot be opened, read or written (file gone, disk full or failing, locked past the busy timeout)
/// is a 503 problem with <c>Retry-After</c>, not a fault: the request was fine and may succeed later. SQLite's own
/// transactions mean nothing half-done is left behind.
/// </summary>
internal sealed partial class StoreUnavailableHandler(IProblemDetailsService problems, ILogger<StoreUnavailableHandler> logger) : IExceptionHandler
{
    // SQLITE_BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN: the store, for now. (CORRUPT and NOTADB will not pass
    // by waiting: they stay faults for an operator.)
    private static readonly HashSet<int> Unavailable = [5, 6, 8, 10, 13, 14];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SqliteException { SqliteErrorCode: var code } || !Unavailable.Contains(code))
        {
            return false;
        }

        LogUnavailable(logger, code, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The store is unavailable.",
                Detail = "the service cannot reach its store just now; try again shortly",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The store is unavailable (SQLite error {Code})")]
    private static partial void LogUnavailable(ILogger logger, int code, Exception exception);
}
