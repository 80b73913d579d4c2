using Scission.Domain.Catalog;

namespace Scission.Api.Validation;

/// <summary>
/// Versions as HTTP sees them: a stored entry's version is its strong <c>ETag</c> (<c>"42"</c>), and a write may
/// name the versions it was based on in <c>If-Match</c> (RFC 9110 §13.1.1): 412 when the entry moved on.
/// </summary>
internal static class EntityTags
{
    public const string IfMatchHeader = "If-Match";

    public static string Of(long version) => $"\"{version}\"";

    /// <summary>Sets the response's <c>ETag</c>.</summary>
    public static void SetETag(this HttpContext context, long version) => context.Response.Headers.ETag = Of(version);

    /// <summary>
    /// The precondition an <c>If-Match</c> value states: <c>null</c> when absent, <see cref="Precondition.Any"/> for
    /// <c>*</c>. Weak tags and tags this service never issued are kept out of the list: If-Match compares strongly,
    /// so they never match (and an If-Match that lists nothing else always fails, as it should).
    /// </summary>
    public static Precondition? Precondition(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return null;
        }

        if (ifMatch.Trim() == "*")
        {
            return Domain.Catalog.Precondition.Any;
        }

        var versions = new List<long>();
        foreach (var tag in Split(ifMatch))
        {
            if (tag.Length > 2 && tag[0] == '"' && long.TryParse(tag.AsSpan(1, tag.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        return new Precondition(versions);
    }

    /// <summary>Why an <c>If-Match</c> value is not a list of entity tags, or <c>null</c> when it is one.</summary>
    public static string? Problem(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return null;
        }

        foreach (var tag in Split(ifMatch))
        {
            var opaque = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
            // RFC 9110 etagc: '!', '#' to '~', or beyond ASCII; no space, no quote, no control.
            if (opaque.Length < 2 || opaque[0] != '"' || opaque[^1] != '"' || opaque[1..^1].Any(c => !(c == '!' || c is >= '#' and <= '~' || c >= '\u0080')))
            {
                return $"'{tag}' is not an entity tag: send * or quoted tags as the ETag header gave them, e.g. \"42\"";
            }
        }

        return null;
    }

    /// <summary>
    /// Validates <c>If-Match</c> before the handler runs (400 naming the header when malformed) and documents the
    /// 412 the write may answer.
    /// </summary>
    public static RouteHandlerBuilder AcceptsIfMatch(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
            Problem(context.HttpContext.Request.Headers.IfMatch.ToString()) is { } problem
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [IfMatchHeader] = [problem] }, title: "The If-Match header is malformed.")
                : await next(context))
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
