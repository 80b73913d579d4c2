using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scission.Api.Validation;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Api.Networks;

/// <summary>Named sets of directed links: <c>/v1/networks</c>.</summary>
internal static class NetworksApi
{
    public static RouteGroupBuilder MapNetworksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/networks").WithTags("Networks");
        group.MapGet("/", ListNetworks).WithName("ListNetworks").WithSummary("List every network that holds links.");
        group.MapGet("/{network}/links", GetLinks).WithName("ListLinks").WithSummary("List the links of a network.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{network}/links/{source}/{destination}", GetLink).WithName("GetLink").WithSummary("Get one link.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{network}/links/{source}/{destination}", PutLink)
            .WithName("PutLink")
            .WithSummary("Create or replace the directed link from source to destination.")
            .Validate<PutLinkRequest>()
            .AcceptsIfMatch()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{network}/links/{source}/{destination}", DeleteLink)
            .WithName("DeleteLink")
            .WithSummary("Delete one link.")
            .AcceptsIfMatch()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{network}", DeleteNetwork)
            .WithName("DeleteNetwork")
            .WithSummary("Delete every link of a network.")
            .AcceptsIfMatch()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{network}/links/import", ImportLinks)
            .WithName("ImportLinks")
            .WithSummary("Import links from the original tool's CSV (source,destination,ping(ms),bandwidth(mbps)); all or nothing.")
            .Accepts<string>("text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public static async Task<Ok<NetworkResponse[]>> ListNetworks(INetworkStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(n => new NetworkResponse(n.Name, n.LinkCount)).ToArray());

    public static async Task<Results<Ok<NetworkLinksResponse>, ProblemHttpResult>> GetLinks(string network, INetworkStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.GetLinksAsync(network, cancellationToken) is not { } links)
        {
            return Problems.NotFound($"network '{network}' has no links");
        }

        // The network's tag, for If-Match on DELETE /v1/networks/{network}.
        context.SetETag(NetworkVersion.Of(links));
        return TypedResults.Ok(new NetworkLinksResponse(network, [.. links.Select(l => LinkResponses.From(l.Link, l.Measurement))]));
    }

    public static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> GetLink(string network, string source, string destination, INetworkStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.GetLinkAsync(network, source, destination, cancellationToken) is not { } link)
        {
            return Problems.NotFound($"network '{network}' has no link {source} -> {destination}");
        }

        context.SetETag(link.Version);
        return TypedResults.Ok(LinkResponses.From(link.Link, link.Measurement));
    }

    public static async Task<Results<Created<LinkResponse>, Ok<LinkResponse>, ProblemHttpResult>> PutLink(
        [AsParameters] PutLinkRequest request,
        [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch,
        INetworkStore store,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var link = new NetworkLink(request.Source, request.Destination, request.Body.LatencyMs!.Value, request.Body.BandwidthMbps!.Value);
        var outcome = await store.PutLinkAsync(request.Network, link, request.Body.Measurement, EntityTags.Precondition(ifMatch), cancellationToken);
        if (outcome.Failure is not null)
        {
            return Problems.From(outcome);
        }

        context.SetETag(outcome.Version);
        return outcome.Result == UpsertResult.Created
            ? TypedResults.Created(LinkPath(request.Network, link), LinkResponses.From(link, request.Body.Measurement))
            : TypedResults.Ok(LinkResponses.From(link, request.Body.Measurement));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteLink(
        string network,
        string source,
        string destination,
        [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch,
        INetworkStore store,
        CancellationToken cancellationToken) =>
        await store.DeleteLinkAsync(network, source, destination, EntityTags.Precondition(ifMatch), cancellationToken) switch
        {
            null => Problems.NotFound($"network '{network}' has no link {source} -> {destination}"),
            { Failure: not null } refused => Problems.From(refused),
            _ => TypedResults.NoContent(),
        };

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteNetwork(
        string network,
        [FromHeader(Name = EntityTags.IfMatchHeader)] string? ifMatch,
        INetworkStore store,
        CancellationToken cancellationToken) =>
        await store.DeleteAsync(network, EntityTags.Precondition(ifMatch), cancellationToken) switch
        {
            null => Problems.NotFound($"network '{network}' has no links"),
            { Failure: not null } refused => Problems.From(refused),
            _ => TypedResults.NoContent(),
        };

    public static async Task<Results<Ok<LinkImportResponse>, ValidationProblem, ProblemHttpResult>> ImportLinks(string network, HttpRequest request, INetworkStore store, IOptions<LimitsOptions> limits, CancellationToken cancellationToken)
    {
        if (!CatalogName.IsValid(network))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["network"] = [$"must be a name of {CatalogName.Rule}"] });
        }

        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("send the links as text/csv", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var bytes = await BoundedBody.ReadAsync(request, limits.Value.MaxCsvBytes, cancellationToken);
        if (bytes is null)
        {
            return TypedResults.Problem($"the file is larger than the limit of {limits.Value.MaxCsvBytes} bytes (Limits:MaxCsvBytes)", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var (links, errors) = LinkCsv.Parse(System.Text.Encoding.UTF8.GetString(bytes), limits.Value.MaxCsvRows);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The CSV file has errors; nothing was imported.");
        }

        var outcome = await store.ImportAsync(network, links, cancellationToken);
        return outcome.Succeeded
            ? TypedResults.Ok(new LinkImportResponse(network, links.Count, outcome.Created, outcome.Replaced, [.. links.Select(l => LinkResponses.From(l))]))
            : Problems.NotFound($"{outcome.MissingResource}; nothing was imported");
    }

    private static string LinkPath(string network, NetworkLink link) =>
        $"/v1/networks/{network}/links/{Uri.EscapeDataString(link.Source)}/{Uri.EscapeDataString(link.Destination)}";
}
