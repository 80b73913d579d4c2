using Microsoft.AspNetCore.Http.HttpResults;
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
        group.MapPut("/{model}", PutModel).WithName("PutModel").WithSummary("Register a model (or replace its description); its benchmarks stay.").Validate<PutModelRequest>();
        group.MapDelete("/{model}", DeleteModel).WithName("DeleteModel").WithSummary("Delete a model and its benchmarks.").ProducesProblem(StatusCodes.Status404NotFound);
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

    public static async Task<Results<Ok<ModelResponse>, ProblemHttpResult>> GetModel(string model, IModelStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(model, cancellationToken) is { } found
            ? TypedResults.Ok(ModelResponses.From(found, await store.ListBenchmarksAsync(model, cancellationToken) ?? []))
            : Problems.NotFound($"model '{model}' is not registered");

    public static async Task<Results<Created<ModelResponse>, Ok<ModelResponse>>> PutModel([AsParameters] PutModelRequest request, IModelStore store, CancellationToken cancellationToken)
    {
        var result = await store.PutAsync(request.Model, request.Body.Description, cancellationToken);
        var stored = await store.GetAsync(request.Model, cancellationToken);
        var response = ModelResponses.From(stored!, await store.ListBenchmarksAsync(request.Model, cancellationToken) ?? []);
        return result == UpsertResult.Created
            ? TypedResults.Created($"/v1/models/{response.Name}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteModel(string model, IModelStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(model, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound($"model '{model}' is not registered");
}
