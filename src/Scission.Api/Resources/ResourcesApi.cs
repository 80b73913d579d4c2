using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;

namespace Scission.Api.Resources;

/// <summary>Machines: <c>/v1/resources</c>.</summary>
internal static class ResourcesApi
{
    public static RouteGroupBuilder MapResourcesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/resources").WithTags("Resources");
        group.MapGet("/", ListResources).WithName("ListResources").WithSummary("List every registered machine.");
        group.MapGet("/{name}", GetResource).WithName("GetResource").WithSummary("Get one machine.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{name}", PutResource).WithName("PutResource").WithSummary("Register or replace a machine.").Validate<PutResourceRequest>().AcceptsIfMatch();
        group.MapDelete("/{name}", DeleteResource)
            .WithName("DeleteResource")
            .WithSummary("Delete a machine; with force=true also its links and benchmarks.")
            .AcceptsIfMatch()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Ok<ResourceResponse[]>> ListResources(IResourceStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(ResourceResponse.From).ToArray());

    public static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> GetResource(string name, IResourceStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(name, cancellationToken) is not { } resource)
        {
            return Problems.NotFound($"resource '{name}' is not registered");
        }

        context.SetETag(resource.Version);
        return TypedResults.Ok(ResourceResponse.From(resource));
    }

    public static async Task<Results<Created<ResourceResponse>, Ok<ResourceResponse>, ProblemHttpResult>> PutResource(
        [AsParameters] PutResourceRequest request,
        [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch,
        IResourceStore store,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var record = new ResourceRecord(request.Name, request.Body.Tier!.Value, request.Body.Description) { Power = request.Body.Power };
        var outcome = await store.PutAsync(record, EntityTags.Precondition(ifMatch), cancellationToken);
        if (outcome.Failure is not null)
        {
            return Problems.From(outcome);
        }

        context.SetETag(outcome.Version);
        var response = ResourceResponse.From(record);
        return outcome.Result == UpsertResult.Created
            ? TypedResults.Created($"/v1/resources/{Uri.EscapeDataString(record.Name)}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteResource(
        string name,
        [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch,
        IResourceStore store,
        CancellationToken cancellationToken,
        bool force = false) =>
        await store.DeleteAsync(name, force, EntityTags.Precondition(ifMatch), cancellationToken) switch
        {
            null => Problems.NotFound($"resource '{name}' is not registered"),
            { Failure: not null } refused => Problems.From(refused),
            _ => TypedResults.NoContent(),
        };
}
