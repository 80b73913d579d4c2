using System.Net;
using Microsoft.Extensions.Options;
using Scission.Api.Tests.Agent;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>API keys: writes need one once a key is configured; reads too when protected; health stays open.</summary>
public sealed class AuthTests : IDisposable
{
    private readonly ScissionApiFactory _factory = new(settings: new Dictionary<string, string>
    {
        ["Auth:ApiKey"] = "first-key",
        ["Auth:ApiKeys:agents"] = "agents-key",
    });

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("FIRST-KEY")]
    [InlineData("first-keyX")]
    public async Task AWriteWithoutAValidKeyIsRefusedAndChangesNothing(string? key)
    {
        var client = Client(key);

        var response = await client.PutJsonAsync("/v1/resources/pi", new { tier = "device" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/resources/pi")).StatusCode);
    }

    [Theory]
    [InlineData("first-key")]
    [InlineData("agents-key")]
    public async Task EveryConfiguredKeyMayWrite(string key)
    {
        var client = Client(key);

        Assert.Equal(HttpStatusCode.Created, (await client.PutJsonAsync("/v1/resources/pi", new { tier = "device" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/v1/resources/pi")).StatusCode);
    }

    [Fact]
    public async Task ReadsQueriesAndHealthNeedNoKeyButStoringPostsDo()
    {
        var client = Client(null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/resources")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/v1/models/nope/partitions/search", HttpJson.Json("{}"))).StatusCode);
        await (await client.PostAsync("/v1/networks/default/links/import", new StringContent("source,destination,ping(ms),bandwidth(mbps)\na,b,1,1\n", System.Text.Encoding.UTF8, "text/csv"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsync("/v1/models/nope/benchmark-runs", HttpJson.Json("""{"resource": "x"}"""))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.DeleteAsync("/v1/networks/default")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ProtectedReadsNeedAKeyButHealthAndThePageStayOpen()
    {
        using var factory = new ScissionApiFactory(settings: new Dictionary<string, string> { ["Auth:ApiKey"] = "k", ["Auth:ProtectReads"] = "true" });
        var client = factory.CreateClient();

        await (await client.GetAsync("/v1/resources")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ui/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ui/ui.js")).StatusCode);
        await (await client.GetAsync("/v1/models/m/charts/profile.svg")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Add("X-Api-Key", "k");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/resources")).StatusCode);
    }

    [Fact]
    public void AServiceThatMustHaveAKeyRefusesToStartWithoutOne()
    {
        using var factory = new ScissionApiFactory(settings: new Dictionary<string, string> { ["Auth:RequireKey"] = "true" });

        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Auth__AllowAnonymous", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServiceThatMustHaveAKeyMayStillBeRunOpenOnPurpose()
    {
        using var factory = new ScissionApiFactory(settings: new Dictionary<string, string> { ["Auth:RequireKey"] = "true", ["Auth:AllowAnonymous"] = "true" });

        Assert.Equal(HttpStatusCode.Created, (await factory.CreateClient().PutJsonAsync("/v1/resources/pi", new { tier = "device" })).StatusCode);
    }

    [Fact]
    public async Task TheAgentSendsItsKey()
    {
        var client = Client("agents-key");
        (await client.PutJsonAsync("/v1/resources/laptop", new { tier = "device" })).EnsureSuccessStatusCode();
        (await client.PutAsync("/v1/models/toy", Onnx.OnnxModelsApiTests.Onnx(Scission.Testing.OnnxModelBuilder.Topologies().Single(t => t.Name == "inception-branches").Model))).EnsureSuccessStatusCode();
        var agent = new AgentConsole(() => _factory.Server.CreateHandler());
        string[] run = ["benchmark", "--server", "http://localhost", "--resource", "laptop", "--model", "toy", "--repeats", "1", "--warmup", "0"];

        Assert.Equal(Scission.Agent.ExitCodes.ServerError, await agent.RunAsync(CancellationToken.None, run));
        Assert.Equal(Scission.Agent.ExitCodes.Success, await agent.RunAsync(CancellationToken.None, [.. run, "--api-key", "agents-key"]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/models/toy/benchmarks/laptop")).StatusCode);
    }

    private HttpClient Client(string? key)
    {
        var client = _factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", key);
        }

        return client;
    }
}
