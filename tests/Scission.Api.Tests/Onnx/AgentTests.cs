using System.Net;
using System.Text.Json.Nodes;
using Scission.Agent;
using Scission.Api.Tests.Support;
using Scission.Testing;
using Spectre.Console;

namespace Scission.Api.Tests.Onnx;

public sealed class AgentTests : ApiTest
{
    private static readonly byte[] Toy = OnnxModelBuilder.Topologies().Single(t => t.Name == "inception-branches").Model;
    private readonly StringWriter _console = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("scission-agent-").FullName;

    protected override async Task SeedAsync()
    {
        await RegisterAsync(("laptop", "device"));
        (await Client.PutAsync("/v1/models/toy", OnnxModelsApiTests.Onnx(Toy))).EnsureSuccessStatusCode();
        await Client.PutJsonAsync("/v1/models/plain", new { });
        await File.WriteAllBytesAsync(Path.Combine(_directory, "toy.onnx"), Toy);
    }

    private Task<int> RunAsync(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_console),
        });
        return AgentApp.RunAsync(args, console, () => Factory.Server.CreateHandler());
    }

    [Fact]
    public async Task OfflineItWritesTheBenchmarkToAFile()
    {
        var output = Path.Combine(_directory, "result.json");

        var code = await RunAsync("benchmark", "--model", "toy", "--file", Path.Combine(_directory, "toy.onnx"), "--repeats", "3", "--output", output);

        Assert.Equal(ExitCodes.Success, code);
        var body = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
        Assert.Equal([0, 4, 5], body["blocks"]!.AsArray().Select(b => b!["lastLayer"]!.GetValue<int>()));
        Assert.Equal(3, body["repeats"]!.GetValue<int>());
        Assert.Contains("Median ms", _console.ToString(), StringComparison.Ordinal);
        Assert.Contains("0-0", _console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlineItFetchesTheModelAndStoresTheBenchmark()
    {
        var code = await RunAsync("benchmark", "--server", "http://localhost", "--resource", "laptop", "--model", "toy", "--repeats", "2", "--warmup", "1");

        Assert.True(code == ExitCodes.Success, $"exit {code}: {_console}");
        var benchmark = await (await Client.GetAsync("/v1/models/toy/benchmarks/laptop")).ReadJsonAsync();
        Assert.Equal(3, benchmark["blocks"]!.AsArray().Count);
        Assert.Equal(2, benchmark["provenance"]!["repeats"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(ExitCodes.InvalidOptions, "benchmark", "--model", "toy")]
    [InlineData(ExitCodes.InvalidOptions, "benchmark", "--model", "toy", "--output", "x.json")]
    [InlineData(ExitCodes.InvalidOptions, "benchmark", "--model", "toy", "--server", "http://localhost")]
    [InlineData(ExitCodes.ModelUnusable, "benchmark", "--model", "plain", "--server", "http://localhost", "--resource", "laptop")]
    [InlineData(ExitCodes.ServerError, "benchmark", "--model", "toy", "--server", "http://localhost", "--resource", "ghost", "--repeats", "1")]
    [InlineData(ExitCodes.Usage, "benchmark", "--repeats", "many")]
    public async Task ExitCodesTellAScriptWhatWentWrong(int expected, params string[] args)
    {
        var code = await RunAsync(args);

        Assert.True(expected == code, _console.ToString());
        Assert.Contains("error", _console.ToString(), StringComparison.Ordinal);
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
}
