using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Scission.Infrastructure.Storage;

/// <summary>
/// A store that cannot be opened, read or written (file gone, disk full or failing, locked past the busy timeout)
/// (or a database server that is down, refuses connections or is shutting down) is a 503 problem with
/// <c>Retry-After</c>, not a fault: the request was fine and may succeed later. Every write is one transaction, so
/// nothing half-done is left behind.
/// </summary>
internal sealed partial class StoreUnavailableHandler(StoreDatabase database, IProblemDetailsService problems, ILogger<StoreUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!database.IsUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(logger, database.Engine, exception);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The store ({Engine}) is unavailable")]
    private static partial void LogUnavailable(ILogger logger, string engine, Exception exception);
}
