using System.Text.Json.Nodes;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

public sealed class OpenApiDocumentTests : ApiTest
{
    [Fact]
    public async Task TheCommittedDocumentMatchesWhatTheCodeProduces()
    {
        var runtime = await (await Client.GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "scission.json")))!;

        // The runtime document names the requesting host as a server; the build-time one cannot.
        runtime.AsObject().Remove("servers");
        committed.AsObject().Remove("servers");

        Assert.True(
            JsonNode.DeepEquals(runtime, committed),
            "openapi/scission.json is stale: run 'dotnet build src/Scission.Api' and commit the regenerated file");
    }

    [Fact]
    public async Task EveryOperationHasAnIdASummaryAndResponses()
    {
        var document = await (await Client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.Equal("3.1.1", document["openapi"]!.GetValue<string>());
        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key} {path.Key}", Operation: op.Value!))).ToList();
        Assert.True(operations.Count >= 22, $"only {operations.Count} operations");
        Assert.All(operations, op =>
        {
            Assert.False(string.IsNullOrEmpty(op.Operation["operationId"]?.GetValue<string>()), $"{op.Name} has no operationId");
            Assert.False(string.IsNullOrEmpty(op.Operation["summary"]?.GetValue<string>()), $"{op.Name} has no summary");
            Assert.NotEmpty(op.Operation["responses"]!.AsObject());
        });
    }

    [Fact]
    public async Task NumbersAreNumbersNotNumberOrString()
    {
        var text = await Client.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain("\"string\",\n        \"number\"", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("\"number\",\\s*\"string\"|\"integer\",\\s*\"string\"|\"string\",\\s*\"(number|integer)\"", text);
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        var page = await Client.GetStringAsync("/swagger/index.html");

        Assert.Contains("swagger-ui", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HealthEndpointsReportTheStore()
    {
        var live = await Client.GetAsync("/health/live");
        var ready = await (await Client.GetAsync("/health/ready")).ReadJsonAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", ready["status"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["checks"]!["store"]!["status"]!.GetValue<string>());
    }
}
