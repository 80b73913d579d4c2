using System.Net;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

/// <summary>Rate limits per API key, else per client address, and the headers every answer carries.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task AClientOverItsBudgetGetsA429WithRetryAfterAndHealthIsNeverLimited()
    {
        using var factory = Limited();
        var client = factory.CreateClient();

        // One token a second: ten requests in a row outrun the bucket of three however slow the machine.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await client.GetAsync("/v1/resources"));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var refused = answers.First(a => a.StatusCode != HttpStatusCode.OK);
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.Headers.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task EachApiKeyHasABudgetOfItsOwn()
    {
        using var factory = Limited(("Auth:ApiKeys:a", "key-a"), ("Auth:ApiKeys:b", "key-b"));
        var a = factory.CreateClient();
        a.DefaultRequestHeaders.Add("X-Api-Key", "key-a");
        var b = factory.CreateClient();
        b.DefaultRequestHeaders.Add("X-Api-Key", "key-b");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            codes.Add((await a.GetAsync("/v1/resources")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/v1/resources")).StatusCode);
    }

    [Fact]
    public async Task AnswersAreNeverSniffedAndNoOriginIsAllowedUnlessConfigured()
    {
        using var factory = new ScissionApiFactory();
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/resources");
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await client.SendAsync(request);
        var problem = await client.GetAsync("/v1/resources/nobody");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("nosniff", problem.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static ScissionApiFactory Limited(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = "3",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return new ScissionApiFactory(settings: settings);
    }
}
