using System.Text.Json;
using Scission.Domain.Search;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Scission.Api.Validation;

/// <summary>
/// Turns requests the framework could not bind (malformed JSON, a string where a number belongs, no body)
/// into a 400 problem that names the field in its JSON spelling, instead of a bare status code.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (field, message) = exception.InnerException is JsonException json ? Describe(json) : Describe(badRequest.Message);
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
                Detail = $"{field}: {message}",
            },
        });
    }

    private static (string Field, string Message) Describe(JsonException json)
    {
        var field = json.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "body";
        if (MissingRequired().Match(json.Message) is { Success: true } missing)
        {
            // An object without a member its type requires: name the member, inside the object the path points to.
            var member = missing.Groups[1].Value;
            return (field == "body" ? member : $"{field}.{member}", "is required");
        }

        var target = ConvertTarget().Match(json.Message);
        var message = target.Success ? $"must be {Friendly(target.Groups[1].Value)}" : "is not valid JSON";
        return (field, message);
    }

    private static (string Field, string Message) Describe(string message)
    {
        var binding = BindFailure().Match(message);
        if (binding.Success)
        {
            return (JsonNamingPolicy.CamelCase.ConvertName(binding.Groups[2].Value), $"'{binding.Groups[3].Value}' must be {Friendly(binding.Groups[1].Value)}");
        }

        return message.Contains("from body", StringComparison.Ordinal) ? ("body", "a JSON body is required") : ("request", message);
    }

    private static string Friendly(string type) => type switch
    {
        _ when type.Contains("Double", StringComparison.OrdinalIgnoreCase) => "a number",
        _ when type.Contains("Int", StringComparison.OrdinalIgnoreCase) => "a whole number",
        _ when type.Contains("Bool", StringComparison.OrdinalIgnoreCase) => "true or false",
        _ when type.Contains("Tier", StringComparison.OrdinalIgnoreCase) => "one of device, edge, cloud",
        _ when type.Contains("DateTimeOffset", StringComparison.OrdinalIgnoreCase) => "an ISO 8601 date and time",
        _ when type.Contains("String", StringComparison.OrdinalIgnoreCase) => "a string",
        _ when type.Contains("[]", StringComparison.OrdinalIgnoreCase) || type.Contains("List", StringComparison.OrdinalIgnoreCase) => "an array",
        _ when type.Contains(nameof(Objective), StringComparison.Ordinal) => ObjectiveNames,
        _ => "an object of the documented shape",
    };

    private static readonly string ObjectiveNames = $"one of {string.Join(", ", Enum.GetNames<Objective>().Select(JsonNamingPolicy.CamelCase.ConvertName))}";

    [GeneratedRegex("""Failed to bind parameter "(\S+) (\w+)" from "(.*)"\.""", RegexOptions.CultureInvariant)]
    private static partial Regex BindFailure();

    [GeneratedRegex(@"missing required properties including: '([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.? Path", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertTarget();
}
