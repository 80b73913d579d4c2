using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scission.Api.Health;

/// <summary>Liveness (the process answers) and readiness (its dependencies answer too): <c>/health</c>.</summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", GetLiveness).WithName("GetLiveness").WithSummary("Whether the process answers.");
        group.MapGet("/ready", GetReadiness)
            .WithName("GetReadiness")
            .WithSummary("Whether the store (and Redis, when configured) answers; degraded dependencies still serve.")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    public static Ok<HealthResponse> GetLiveness() => TypedResults.Ok(new HealthResponse("Healthy", []));

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetReadiness(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
        var response = new HealthResponse(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckResponse(e.Value.Status.ToString(), e.Value.Description)));
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(response);
    }
}

/// <summary>Overall status (Healthy, Degraded or Unhealthy) and each dependency's.</summary>
public sealed record HealthResponse(string Status, Dictionary<string, HealthCheckResponse> Checks);

/// <summary>One dependency's status.</summary>
public sealed record HealthCheckResponse(string Status, string? Description);
