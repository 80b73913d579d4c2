using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;

namespace Scission.Api.Models;

/// <summary>Models: <c>/v1/models</c>. Names match ignoring case.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/models").WithTags("Models");
        group.MapGet("/", ListModels).WithName("ListModels").WithSummary("List every registered model.");
        group.MapGet("/{model}", GetModel).WithName("GetModel").WithSummary("Get a model with its block layout once known.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{model}", PutModel).WithName("PutModel").WithSummary("Register a model (or replace its description); its benchmarks stay.").Validate<PutModelRequest>().AcceptsIfMatch();
        group.MapDelete("/{model}", DeleteModel).WithName("DeleteModel").WithSummary("Delete a model and its benchmarks.").AcceptsIfMatch().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Ok<ModelResponse[]>> ListModels(IModelStore store, CancellationToken cancellationToken)
    {
        var models = await store.ListAsync(cancellationToken);
        var responses = new List<ModelResponse>(models.Count);
        foreach (var model in models)
        {
            responses.Add(ModelResponses.From(model, await store.ListBenchmarksAsync(model.Name, cancellationToken) ?? []));
        }

        return TypedResults.Ok(responses.ToArray());
    }

    public static async Task<Results<Ok<ModelResponse>, ProblemHttpResult>> GetModel(string model, IModelStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(model, cancellationToken) is not { } found)
        {
            return Problems.NotFound($"model '{model}' is not registered");
        }

        context.SetETag(found.Version);
        return TypedResults.Ok(ModelResponses.From(found, await store.ListBenchmarksAsync(model, cancellationToken) ?? []));
    }

    public static async Task<Results<Created<ModelResponse>, Ok<ModelResponse>, ProblemHttpResult>> PutModel(
        [AsParameters] PutModelRequest request,
        [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch,
        IModelStore store,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var outcome = await store.PutAsync(request.Model, request.Body.Description, EntityTags.Precondition(ifMatch), cancellationToken);
        if (outcome.Failure is not null)
        {
            return Problems.From(outcome);
        }

        context.SetETag(outcome.Version);
        // Read back for the layout and benchmarks it keeps; a write that landed in between would show here, not
        // be lost: the ETag above is the version this request wrote.
        var stored = await store.GetAsync(request.Model, cancellationToken);
        if (stored is null)
        {
            return Problems.NotFound($"model '{request.Model}' was deleted by another request just after this one stored it");
        }

        var response = ModelResponses.From(stored, await store.ListBenchmarksAsync(request.Model, cancellationToken) ?? []);
        return outcome.Result == UpsertResult.Created
            ? TypedResults.Created($"/v1/models/{response.Name}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteModel(string model, [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch, IModelStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(model, EntityTags.Precondition(ifMatch), cancellationToken) switch
        {
            null => Problems.NotFound($"model '{model}' is not registered"),
            { Failure: not null } refused => Problems.From(refused),
            _ => TypedResults.NoContent(),
        };
}
