using System.Net;
using System.Text.Json.Nodes;
using Scission.Agent;
using Scission.Api.Tests.Support;
using Scission.Testing;
using Scission.Api.Tests.Agent;

namespace Scission.Api.Tests.Onnx;

public sealed class AgentTests : ApiTest
{
    private static readonly byte[] Toy = OnnxModelBuilder.Topologies().Single(t => t.Name == "inception-branches").Model;
    private AgentConsole _console = null!;
    private readonly string _directory = Directory.CreateTempSubdirectory("scission-agent-").FullName;

    protected override async Task SeedAsync()
    {
        await RegisterAsync(("laptop", "device"));
        (await Client.PutAsync("/v1/models/toy", OnnxModelsApiTests.Onnx(Toy))).EnsureSuccessStatusCode();
        await Client.PutJsonAsync("/v1/models/plain", new { });
        await File.WriteAllBytesAsync(Path.Combine(_directory, "toy.onnx"), Toy);
    }

    private RecordingHandler? _recorder;

    private Task<int> RunAsync(params string[] args)
    {
        _console = new AgentConsole(() => _recorder = new RecordingHandler(Factory.Server.CreateHandler()));
        return _console.RunAsync(CancellationToken.None, args);
    }

    [Fact]
    public async Task OfflineItWritesTheBenchmarkToAFile()
    {
        var output = Path.Combine(_directory, "result.json");

        var code = await RunAsync("benchmark", "--model", "toy", "--file", Path.Combine(_directory, "toy.onnx"), "--repeats", "3", "--output", output);

        Assert.Equal(ExitCodes.Success, code);
        var body = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
        Assert.Equal([0, 1, 2, 3, 4, 5], body["blocks"]!.AsArray().Select(b => b!["lastLayer"]!.GetValue<int>()));
        Assert.Equal(3, body["repeats"]!.GetValue<int>());
        Assert.Contains("Median ms", _console.Output, StringComparison.Ordinal);
        Assert.Contains("0-0", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlineItFetchesTheModelAndStoresTheBenchmark()
    {
        var code = await RunAsync("benchmark", "--server", "http://localhost", "--resource", "laptop", "--model", "toy", "--repeats", "2", "--warmup", "1");

        Assert.True(code == ExitCodes.Success, $"exit {code}: {_console.Output}");
        var benchmark = await (await Client.GetAsync("/v1/models/toy/benchmarks/laptop")).ReadJsonAsync();
        Assert.Equal(6, benchmark["blocks"]!.AsArray().Count);
        Assert.Equal(2, benchmark["provenance"]!["repeats"]!.GetValue<int>());
    }

    [Fact]
    public async Task WithoutCutsItCutsAsTheServiceDidAndCutsThatDifferFromTheServicesAreRefused()
    {
        (await Client.PutAsync("/v1/models/single?cuts=single", OnnxModelsApiTests.Onnx(Toy))).EnsureSuccessStatusCode();

        var code = await RunAsync("benchmark", "--server", "http://localhost", "--resource", "laptop", "--model", "single", "--repeats", "1", "--warmup", "0");
        var benchmark = await (await Client.GetAsync("/v1/models/single/benchmarks/laptop")).ReadJsonAsync();
        var other = await RunAsync("benchmark", "--server", "http://localhost", "--resource", "laptop", "--model", "single", "--cuts", "all", "--repeats", "1", "--warmup", "0");
        var badCuts = await RunAsync("benchmark", "--model", "toy", "--file", Path.Combine(_directory, "toy.onnx"), "--cuts", "none", "--output", "x.json");

        Assert.True(code == ExitCodes.Success, $"exit {code}: {_console.Output}");
        Assert.Equal([0, 4, 5], benchmark["blocks"]!.AsArray().Select(b => b!["lastLayer"]!.GetValue<int>()));
        Assert.Equal(ExitCodes.ModelUnusable, other);
        Assert.Equal(ExitCodes.InvalidOptions, badCuts);
        Assert.Contains("--cuts must be", _console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExitCodes.InvalidOptions, "benchmark", "--model", "toy")]
    [InlineData(ExitCodes.InvalidOptions, "benchmark", "--model", "toy", "--output", "x.json")]
    [InlineData(ExitCodes.InvalidOptions, "benchmark", "--model", "toy", "--server", "http://localhost")]
    [InlineData(ExitCodes.ModelUnusable, "benchmark", "--model", "plain", "--server", "http://localhost", "--resource", "laptop")]
    [InlineData(ExitCodes.ServerError, "benchmark", "--model", "toy", "--server", "http://localhost", "--resource", "ghost", "--repeats", "1")]
    [InlineData(ExitCodes.ServerError, "benchmark", "--model", "nope", "--server", "http://localhost", "--resource", "laptop")]
    [InlineData(ExitCodes.InvalidOptions, "benchmark", "--model", "toy", "--server", "http://localhost", "--resource", "laptop", "--output", "/no-such-folder/x.json")]
    [InlineData(ExitCodes.InvalidOptions, "probe", "--to", "http://127.0.0.1:9", "--from", "a", "--target", "b", "--output", "x.json", "--time-limit", "NaN")]
    [InlineData(ExitCodes.InvalidOptions, "probe", "--to", "http://127.0.0.1:9", "--from", "a", "--target", "b", "--output", "/no-such-folder/x.json")]
    [InlineData(ExitCodes.InvalidOptions, "listen", "--port", "7999", "--bind", "")]
    [InlineData(ExitCodes.ServerError, "probe", "--to", "http://127.0.0.1:9", "--from", "laptop", "--target", "ghost", "--server", "http://localhost")]
    [InlineData(ExitCodes.Usage, "benchmark", "--repeats", "many")]
    public async Task ExitCodesTellAScriptWhatWentWrong(int expected, params string[] args)
    {
        var code = await RunAsync(args);

        Assert.True(expected == code, _console.Output);
        Assert.Contains("error", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServiceBehindAPathPrefixKeepsItsPrefix()
    {
        _console = new AgentConsole(() => new PrefixRemover("/scission", Factory.Server.CreateHandler()));

        var code = await _console.RunAsync(CancellationToken.None, "benchmark", "--server", "http://localhost/scission", "--resource", "laptop", "--model", "toy", "--repeats", "1", "--warmup", "0");

        Assert.True(code == ExitCodes.Success, _console.Output);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/v1/models/toy/benchmarks/laptop")).StatusCode);
    }

    /// <summary>A gateway that serves the service under a path prefix and refuses anything outside it.</summary>
    private sealed class PrefixRemover(string prefix, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (!path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            }

            request.RequestUri = new UriBuilder(request.RequestUri) { Path = path[prefix.Length..] }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task AFileThatIsNotAModelIsReported()
    {
        var bad = Path.Combine(_directory, "bad.onnx");
        await File.WriteAllTextAsync(bad, "nope");

        var code = await RunAsync("benchmark", "--model", "toy", "--file", bad, "--output", Path.Combine(_directory, "r.json"));

        Assert.Equal(ExitCodes.ModelUnusable, code);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v1/models/toy/benchmarks/laptop")).StatusCode);
    }

    [Fact]
    public async Task StatisticsOfEveryBlockAreStoredAndTheChosenOneIsTheLatency()
    {
        var code = await RunAsync("benchmark", "--server", "http://localhost", "--resource", "laptop", "--model", "toy", "--repeats", "3", "--min-seconds", "0.05", "--statistic", "min");

        Assert.True(code == ExitCodes.Success, $"exit {code}: {_console.Output}");
        var benchmark = await (await Client.GetAsync("/v1/models/toy/benchmarks/laptop")).ReadJsonAsync();
        var provenance = benchmark["provenance"]!;
        var statistics = provenance["blockStatistics"]!.AsArray();
        Assert.Equal("min", provenance["statistic"]!.GetValue<string>());
        Assert.Equal(0.05, provenance["minSeconds"]!.GetValue<double>());
        Assert.Equal(6, statistics.Count);
        for (var b = 0; b < 6; b++)
        {
            var s = statistics[b]!;
            Assert.Equal(s["minSeconds"]!.GetValue<double>(), benchmark["blocks"]![b]!["latencySeconds"]!.GetValue<double>());
            Assert.True(s["count"]!.GetValue<int>() >= 3);
            Assert.True(s["minSeconds"]!.GetValue<double>() <= s["medianSeconds"]!.GetValue<double>() && s["medianSeconds"]!.GetValue<double>() <= s["p90Seconds"]!.GetValue<double>());
            Assert.True(s["coldSeconds"]!.GetValue<double>() > 0 && s["sessionSeconds"]!.GetValue<double>() > 0);
            Assert.Equal(["CPUExecutionProvider"], s["providers"]!.AsArray().Select(p => p!.GetValue<string>()));
            Assert.False(s["fellBackToCpu"]!.GetValue<bool>());
        }

        // Runs continue past the 3 repeats until 0.05 s have passed: a toy block runs in well under a millisecond.
        Assert.All(statistics, s => Assert.True(s!["count"]!.GetValue<int>() >= 30, $"only {s["count"]} runs"));
        Assert.True(provenance["wholeModel"]!["medianSeconds"]!.GetValue<double>() > 0);
        Assert.True(provenance["peakWorkingSetBytes"]!.GetValue<long>() > 0);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("tensorrt")]
    [InlineData("directml")]
    [InlineData("coreml")]
    public async Task AProviderThisBuildLacksIsRefusedNeverRunOnTheCpu(string provider)
    {
        var output = Path.Combine(_directory, $"{provider}.json");

        var code = await RunAsync("benchmark", "--model", "toy", "--file", Path.Combine(_directory, "toy.onnx"), "--provider", provider, "--output", output);

        Assert.True(code == ExitCodes.ProviderUnavailable, $"exit {code}: {_console.Output}");
        Assert.Contains($"execution provider '{provider}' is not available here", _console.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task AnUnknownProviderIsAnOptionsError()
    {
        var code = await RunAsync("benchmark", "--model", "toy", "--file", Path.Combine(_directory, "toy.onnx"), "--provider", "warp-drive", "--output", Path.Combine(_directory, "x.json"));

        Assert.Equal(ExitCodes.InvalidOptions, code);
        Assert.Contains("--provider must be one of", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableReadsBackABenchmarkFileAndInfoNamesTheMachine()
    {
        var output = Path.Combine(_directory, "result.json");
        Assert.Equal(ExitCodes.Success, await RunAsync("benchmark", "--model", "toy", "--file", Path.Combine(_directory, "toy.onnx"), "--repeats", "2", "--output", output));

        Assert.Equal(ExitCodes.Success, await RunAsync("table", output));
        Assert.Contains("CPU", _console.Output, StringComparison.Ordinal);
        Assert.Contains("5-5", _console.Output, StringComparison.Ordinal);

        // As the service answers it, statistics under provenance: the same table.
        Assert.Equal(ExitCodes.Success, await RunAsync("benchmark", "--server", "http://localhost", "--resource", "laptop", "--model", "toy", "--repeats", "2"));
        var fetched = Path.Combine(_directory, "fetched.json");
        await File.WriteAllTextAsync(fetched, await Client.GetStringAsync("/v1/models/toy/benchmarks/laptop"));
        Assert.Equal(ExitCodes.Success, await RunAsync("table", fetched));
        Assert.Contains("CPU", _console.Output, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", _console.Output, StringComparison.Ordinal);
        Assert.Contains("peak working set", _console.Output, StringComparison.Ordinal);
        Assert.Contains("intra-op", _console.Output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(fetched, """{"blocks": [null]}""");
        Assert.Equal(ExitCodes.ModelUnusable, await RunAsync("table", fetched));

        Assert.Equal(ExitCodes.Success, await RunAsync("info"));
        Assert.Contains("architecture:", _console.Output, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryRequestTheAgentSendsConformsToTheCommittedContract()
    {
        Assert.Equal(ExitCodes.Success, await RunAsync("benchmark", "--server", "http://localhost", "--resource", "laptop", "--model", "toy", "--repeats", "1", "--warmup", "0"));

        var requests = _recorder!.Requests;
        Assert.Contains(requests, r => r.Method == "PUT" && r.Path == "/v1/models/toy/benchmarks/laptop");
        Assert.Contains(requests, r => r.Method == "GET" && r.Path == "/v1/models/toy");
        Assert.All(requests, r => Assert.Empty(ContractConformance.Problems(r.Method, r.Path, r.Body)));
    }

    [Fact]
    public void TheConformanceCheckRejectsWhatTheContractDoesNotSay()
    {
        Assert.NotEmpty(ContractConformance.Problems("PUT", "/v1/models/toy/benchmarks/laptop", """{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 0.1, "outputBytes": 1}], "colour": "red"}"""));
        Assert.NotEmpty(ContractConformance.Problems("PUT", "/v1/models/toy/benchmarks/laptop", """{"blocks": [{"firstLayer": "zero", "lastLayer": 1, "latencySeconds": 0.1, "outputBytes": 1}]}"""));
        Assert.NotEmpty(ContractConformance.Problems("PUT", "/v1/models/toy/benchmarks/laptop", """{"repeats": 3}"""));
        Assert.NotEmpty(ContractConformance.Problems("PATCH", "/v1/models/toy", "{}"));
        Assert.Empty(ContractConformance.Problems("PUT", "/v1/models/toy/benchmarks/laptop", """{"blocks": [{"firstLayer": 0, "lastLayer": 1, "latencySeconds": 0.1, "outputBytes": 1}]}"""));
    }

    [Fact]
    public async Task TheAgentCarriesNoServerPieces()
    {
        var dependencies = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "scission-agent.deps.json"));
        var runtime = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "scission-agent.runtimeconfig.json"));

        foreach (var server in new[] { "Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "StackExchange.Redis", "Microsoft.Extensions.Caching", "Scission.Infrastructure", "Scission.Api" })
        {
            Assert.DoesNotContain(server, dependencies, StringComparison.Ordinal);
        }

        Assert.Contains("Microsoft.NETCore.App", runtime, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.App", runtime, StringComparison.Ordinal);
    }
}
