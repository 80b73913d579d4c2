using System.Net;
using System.Net.Http.Json;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

public sealed class ResourcesApiTests : ApiTest
{
    [Theory]
    [InlineData("raspi4")]
    [InlineData("6700k(GPU)")]
    [InlineData("2500")]
    public async Task PutCreatesThenReplacesAndNamesFromTheDataSetWorkInPaths(string name)
    {
        var path = $"/v1/resources/{Uri.EscapeDataString(name)}";

        var created = await Client.PutJsonAsync(path, new { tier = "edge", description = "first" });
        var replaced = await Client.PutJsonAsync(path, new { tier = "cloud", description = "second" });
        var fetched = await (await Client.GetAsync(path)).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(path, created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(name, fetched["name"]!.GetValue<string>());
        Assert.Equal("cloud", fetched["tier"]!.GetValue<string>());
        Assert.Equal("second", fetched["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListReturnsEveryResourceInNameOrder()
    {
        await Client.PutJsonAsync("/v1/resources/b", new { tier = "edge" });
        await Client.PutJsonAsync("/v1/resources/a", new { tier = "device" });

        var list = await (await Client.GetAsync("/v1/resources")).ReadJsonAsync();

        Assert.Equal(["a", "b"], list.AsArray().Select(r => r!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task UnknownResourceIsANotFoundProblem()
    {
        await (await Client.GetAsync("/v1/resources/nope")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.DeleteAsync("/v1/resources/nope")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MissingUnknownOrWronglyTypedTierIsABadRequestNamingTier()
    {
        Assert.Contains("required", await (await Client.PutJsonAsync("/v1/resources/x", new { description = "d" })).AssertFieldErrorAsync("tier"), StringComparison.Ordinal);
        Assert.Contains("device, edge, cloud", await (await Client.PutJsonAsync("/v1/resources/x", new { tier = "fog" })).AssertFieldErrorAsync("tier"), StringComparison.Ordinal);
        await (await Client.PutJsonAsync("/v1/resources/x", new { tier = 1 })).AssertFieldErrorAsync("tier");
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("-leading-dash")]
    [InlineData("semi%3Bcolon")]
    public async Task InvalidNamesAreRejectedNamingTheRouteValue(string name) =>
        await (await Client.PutJsonAsync($"/v1/resources/{name}", new { tier = "edge" })).AssertFieldErrorAsync("name");

    [Fact]
    public async Task MissingOrMalformedBodyIsABadRequest()
    {
        var empty = await Client.PutAsync("/v1/resources/x", HttpJson.Json(""));
        var malformed = await Client.PutAsync("/v1/resources/x", HttpJson.Json("{\"tier\": "));

        Assert.Contains("JSON body is required", await empty.AssertFieldErrorAsync("body"), StringComparison.Ordinal);
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeletingAResourceInUseIsAConflictUnlessForced()
    {
        await Client.PutJsonAsync("/v1/resources/pi", new { tier = "device" });
        await Client.PutJsonAsync("/v1/resources/gpu", new { tier = "cloud" });
        await Client.PutJsonAsync("/v1/networks/default/links/pi/gpu", new { latencyMs = 10, bandwidthMbps = 5 });

        var refused = await Client.DeleteAsync("/v1/resources/gpu");
        Assert.Contains("true or false", await (await Client.DeleteAsync("/v1/resources/gpu?force=yes")).AssertFieldErrorAsync("force"), StringComparison.Ordinal);
        var stillThere = await Client.GetAsync("/v1/resources/gpu");
        var forced = await Client.DeleteAsync("/v1/resources/gpu?force=true");
        var links = await Client.GetAsync("/v1/networks/default/links");

        Assert.Contains("1 link(s)", (await refused.AssertProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, links.StatusCode);
    }

    [Fact]
    public async Task ResponsesUseCamelCaseAndLowerCaseTiers()
    {
        await Client.PutJsonAsync("/v1/resources/pi", new { tier = "device" });

        var json = await Client.GetStringAsync("/v1/resources/pi");

        Assert.Equal("{\"name\":\"pi\",\"tier\":\"device\",\"description\":null}", json);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/v1/resources")).StatusCode);
        Assert.NotNull(await Client.GetFromJsonAsync<object[]>("/v1/resources"));
    }
}
