using System.Net;
using System.Net.Sockets;
using Scission.Agent;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests.Agent;

/// <summary><c>listen</c> and <c>probe</c> on this machine's loopback, storing the measured links on the test service.</summary>
public sealed class LinkProbeTests : ApiTest
{
    private readonly CancellationTokenSource _stop = new();

    protected override Task SeedAsync() => RegisterAsync(("laptop", "device"), ("box", "edge"));

    [Fact]
    public async Task AProbeStoresBothDirectionsWithTheirMeasurement()
    {
        var port = FreePort();
        var agent = new AgentConsole(() => Factory.Server.CreateHandler());
        var listening = agent.RunAsync(_stop.Token, "listen", "--port", $"{port}", "--bind", "127.0.0.1", "--api-key", "s3cret");
        try
        {
            await WaitForAsync(port);
            var code = await agent.RunAsync(CancellationToken.None, "probe", "--to", $"http://127.0.0.1:{port}", "--from", "laptop", "--target", "box", "--server", "http://localhost", "--receiver-key", "s3cret", "--both", "--max-bytes", "16777216", "--sizes", "5", "--repeats", "3");

            Assert.True(code == ExitCodes.Success, $"exit {code}: {agent.Output}");
            var links = (await (await Client.GetAsync("/v1/networks/default/links")).ReadJsonAsync())["links"]!.AsArray();
            Assert.Equal(["box->laptop http-download", "laptop->box http-upload"], links.Select(l => $"{l!["source"]}->{l["destination"]} {l["measurement"]!["method"]}"));
            foreach (var link in links)
            {
                var measurement = link!["measurement"]!;
                Assert.Equal(link["latencyMs"]!.GetValue<double>(), measurement["rttMs"]!.GetValue<double>());
                Assert.True(link["bandwidthMbps"]!.GetValue<double>() > 0);
                Assert.Equal(5, measurement["sizes"]!.GetValue<int>());
                Assert.Equal("laptop", measurement["probedFrom"]!.GetValue<string>());
            }
        }
        finally
        {
            await _stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, await listening);
        }
    }

    [Fact]
    public async Task AProbeWithoutTheReceiversKeyIsRefused()
    {
        var port = FreePort();
        var agent = new AgentConsole(() => Factory.Server.CreateHandler());
        var listening = agent.RunAsync(_stop.Token, "listen", "--port", $"{port}", "--bind", "127.0.0.1", "--api-key", "s3cret");
        try
        {
            await WaitForAsync(port);
            var code = await agent.RunAsync(CancellationToken.None, "probe", "--to", $"http://127.0.0.1:{port}", "--from", "laptop", "--target", "box", "--server", "http://localhost");

            Assert.Equal(ExitCodes.ProbeFailed, code);
            Assert.Contains("--receiver-key", agent.Output, StringComparison.Ordinal);
            Assert.Null((await (await Client.GetAsync("/v1/networks/default/links")).ReadJsonAsync())["links"]);
        }
        finally
        {
            await _stop.CancelAsync();
            await listening;
        }
    }

    [Fact]
    public async Task AServerThatIsNotAReceiverIsNeverMeasured()
    {
        var port = FreePort();
        using var other = new HttpListener();
        other.Prefixes.Add($"http://127.0.0.1:{port}/");
        other.Start();
        var answering = Task.Run(async () =>
        {
            var context = await other.GetContextAsync();
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync("""{"service": "something else"}"""u8.ToArray());
            context.Response.Close();
        });
        var agent = new AgentConsole(() => Factory.Server.CreateHandler());

        var code = await agent.RunAsync(CancellationToken.None, "probe", "--to", $"http://127.0.0.1:{port}", "--from", "laptop", "--target", "box", "--server", "http://localhost");

        await answering;
        Assert.Equal(ExitCodes.ProbeFailed, code);
        Assert.Contains("is not a scission-agent receiver", agent.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--to", "ftp://x", "not an http(s) URL")]
    [InlineData("--max-bytes", "10", "--max-bytes must be")]
    [InlineData("--target", "laptop", "two different resources")]
    public async Task BadProbeOptionsAreRefusedBeforeAnythingIsSent(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--to"] = "http://127.0.0.1:9", ["--from"] = "laptop", ["--target"] = "box", ["--output"] = "links.json" };
        args[option] = value;
        var agent = new AgentConsole(() => Factory.Server.CreateHandler());

        var code = await agent.RunAsync(CancellationToken.None, ["probe", .. args.SelectMany(p => new[] { p.Key, p.Value })]);

        Assert.Equal(ExitCodes.InvalidOptions, code);
        Assert.Contains(message, agent.Output, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static async Task WaitForAsync(int port)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/scission-probe/");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
