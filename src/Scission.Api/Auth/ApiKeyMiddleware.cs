namespace Scission.Api.Auth;

/// <summary>
/// With keys configured, a request that changes state (PUT, DELETE, and POSTs that store or start something) needs
/// a valid <c>X-Api-Key</c>, and so does any request once reads are protected; health checks, the API
/// document and the page's own files (<c>/ui</c>: it holds no data, and asks for the key it then sends) stay open. A missing or wrong key is a 401 problem; the key itself is never logged.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!keys.Enabled || !NeedsKey(context) || keys.Match(context.Request.Headers[AuthOptions.Header]) is not null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AuthOptions.Header}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "An API key is required.",
                Detail = context.Request.Headers.ContainsKey(AuthOptions.Header)
                    ? $"the {AuthOptions.Header} header does not hold a valid key"
                    : $"send a key in the {AuthOptions.Header} header",
            },
        });
    }

    private bool NeedsKey(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/swagger") || path.StartsWithSegments("/ui"))
        {
            return false;
        }

        return keys.Options.ProtectReads || IsWrite(context.Request.Method, context.GetEndpoint());
    }

    /// <summary>Whether a request changes state: PUT, DELETE, PATCH, and POST unless the route is a query.</summary>
    public static bool IsWrite(string method, Endpoint? endpoint) =>
        HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsPatch(method)
        || (HttpMethods.IsPost(method) && endpoint?.Metadata.GetMetadata<QueryOperation>() is null);
}

/// <summary>Marks a POST route that only reads (a query too large for a URL), so it needs no key to write.</summary>
internal sealed class QueryOperation;
