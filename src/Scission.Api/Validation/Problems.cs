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

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed");

    public static ProblemHttpResult From(WriteOutcome refused) => refused.Failure switch
    {
        WriteFailure.NotFound => NotFound(refused.Detail!),
        WriteFailure.PreconditionFailed => PreconditionFailed(refused.Detail!),
        _ => Conflict(refused.Detail!),
    };
}
