using Microsoft.AspNetCore.Http.HttpResults;
using Scission.Domain.Catalog;

namespace Scission.Api.Validation;

/// <summary>The service's expected failures as RFC 9457 problems.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult From(WriteOutcome refused) => refused.Failure == WriteFailure.NotFound
        ? NotFound(refused.Detail!)
        : Conflict(refused.Detail!);
}
