using System.Net;
using System.Net.Http.Headers;
using Scission.Api.Tests.Support;
using Scission.Onnx;
using Scission.Testing;

namespace Scission.Api.Tests.Onnx;

public sealed class OnnxModelsApiTests : ApiTest
{
    private static readonly (string Name, byte[] Model, int[] BlockEnds) Resnet = OnnxModelBuilder.Topologies().Single(t => t.Name == "resnet-skip");

    internal static ByteArrayContent Onnx(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    [Fact]
    public async Task UploadingAFileDerivesTheLayoutAndDescribesEachBlocksOutput()
    {
        var created = await Client.PutAsync("/v1/models/ResNetToy?description=toy&cuts=single", Onnx(Resnet.Model));
        var model = await (await Client.GetAsync("/v1/models/resnettoy")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(Resnet.BlockEnds, model["layout"]!.AsArray().Select(b => b!["lastLayer"]!.GetValue<int>()));
        var onnx = model["onnx"]!;
        Assert.Equal(6, onnx["layerCount"]!.GetValue<int>());
        Assert.Equal(32, onnx["blocks"]![0]!["bytes"]!.GetValue<long>());
        Assert.Equal(32, onnx["blocks"]![0]!["tensors"]![0]!["bytes"]!.GetValue<long>());
        Assert.Equal("single", onnx["cuts"]!.GetValue<string>());
        Assert.Equal("float32", onnx["inputs"]![0]!["elementType"]!.GetValue<string>());
        Assert.Equal("/v1/models/ResNetToy/segments/1-3", onnx["blocks"]![1]!["segmentHref"]!.GetValue<string>());
        Assert.Equal(Resnet.Model, await Client.GetByteArrayAsync("/v1/models/resnettoy/file"));
    }

    [Fact]
    public async Task SegmentsComeBackAsModelsThatChainToTheWholeOutput()
    {
        await Client.PutAsync("/v1/models/toy?cuts=single", Onnx(Resnet.Model));

        var head = await Client.GetByteArrayAsync("/v1/models/toy/segments/0-3");
        var tail = await Client.GetByteArrayAsync("/v1/models/toy/segments/4-5");

        float[] input = [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f];
        TensorAssert.Close(SegmentChain.Run([Resnet.Model], input, [1, 8]), SegmentChain.Run([head, tail], input, [1, 8]), 1e-6f);
    }

    [Theory]
    [InlineData("1-2")]
    [InlineData("a-b")]
    [InlineData("5")]
    public async Task SegmentRangesOffBlockBoundariesOrMalformedAreRejected(string range)
    {
        await Client.PutAsync("/v1/models/toy?cuts=single", Onnx(Resnet.Model));

        await (await Client.GetAsync($"/v1/models/toy/segments/{range}")).AssertFieldErrorAsync("range");
    }

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Fact]
    public async Task ASegmentAnOlderAnalysisAllowsButThatMakesNoModelIsRefusedByName()
    {
        // Analyses stored before dead-end layers joined their neighbours could hold a block that hands on nothing:
        // layer 2 of DeadEnds alone reads y and computes a result nothing uses.
        var bytes = OnnxModelBuilder.DeadEnds();
        (await Client.PutAsync("/v1/models/dead", Onnx(bytes))).EnsureSuccessStatusCode();
        var today = Scission.Onnx.OnnxAnalyzer.Analyze(bytes);
        var blocks = today.Blocks;
        Assert.Equal([0, 1, 4], blocks.Select(b => b.LastLayer));
        var z = blocks[1].Tensors.Single(t => t.Name == "t2");
        var older = today with { Blocks = [blocks[0], blocks[1], new Scission.Onnx.OnnxBlock(2, 2, [z]), blocks[2] with { FirstLayer = 3 }] };
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Factory.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE models SET graph = $graph WHERE key = 'dead'";
            update.Parameters.AddWithValue("$graph", System.Text.Json.JsonSerializer.Serialize(older, WebJson));
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        // A service started on that store (this one keeps the parsed model it stored).
        using var restarted = new ScissionApiFactory(Factory.DatabasePath);
        var client = restarted.CreateClient();
        var refused = await client.GetAsync("/v1/models/dead/segments/2-2");

        Assert.Contains("produce nothing", await refused.AssertFieldErrorAsync("range"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/models/dead/segments/0-0")).StatusCode);
    }

    [Fact]
    public async Task SegmentsOfAModelWithoutAFileAreNotFound()
    {
        await Client.PutJsonAsync("/v1/models/plain", new { });

        await (await Client.GetAsync("/v1/models/plain/segments/0-0")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/v1/models/plain/file")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABadUploadIsABadRequestAndLeavesTheStoredModelAsItWas()
    {
        await Client.PutAsync("/v1/models/toy?cuts=single", Onnx(Resnet.Model));

        var garbage = await Client.PutAsync("/v1/models/toy", Onnx("definitely not onnx"u8.ToArray()));
        var truncated = await Client.PutAsync("/v1/models/toy", Onnx(Resnet.Model[..(Resnet.Model.Length / 2)]));
        var model = await (await Client.GetAsync("/v1/models/toy")).ReadJsonAsync();

        Assert.Contains("ONNX", await garbage.AssertFieldErrorAsync("body"), StringComparison.Ordinal);
        await truncated.AssertFieldErrorAsync("body");
        Assert.Equal(4, model["blockCount"]!.GetValue<int>());
        Assert.Equal(Resnet.Model, await Client.GetByteArrayAsync("/v1/models/toy/file"));
    }

    [Fact]
    public async Task BenchmarksMustMatchTheFilesLayout()
    {
        await RegisterAsync(("pi", "device"));
        await Client.PutAsync("/v1/models/toy?cuts=single", Onnx(Resnet.Model));
        var wrong = new { blocks = new[] { new { firstLayer = 0, lastLayer = 5, latencySeconds = 1.0, outputBytes = 32 } } };
        var right = new { blocks = Resnet.BlockEnds.Select((end, i) => new { firstLayer = i == 0 ? 0 : Resnet.BlockEnds[i - 1] + 1, lastLayer = end, latencySeconds = 0.01, outputBytes = 32 }) };

        var conflict = await Client.PutJsonAsync("/v1/models/toy/benchmarks/pi", wrong);
        var stored = await Client.PutJsonAsync("/v1/models/toy/benchmarks/pi", right);
        var chain = new OnnxModelBuilder(seed: 9);
        var otherLayout = await Client.PutAsync("/v1/models/toy", Onnx(chain.Build(chain.Dense(OnnxModelBuilder.Input))));

        await conflict.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        await otherLayout.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PartitionResultsLinkEachStageToItsSegment()
    {
        await RegisterAsync(("pi", "device"), ("gpu", "cloud"));
        await TinyCatalog.LinkAsync(Client, "default", "pi", "gpu", 10, 10);
        await Client.PutAsync("/v1/models/toy?cuts=single", Onnx(Resnet.Model));
        foreach (var resource in new[] { "pi", "gpu" })
        {
            var blocks = Resnet.BlockEnds.Select((end, i) => new { firstLayer = i == 0 ? 0 : Resnet.BlockEnds[i - 1] + 1, lastLayer = end, latencySeconds = resource == "pi" ? 0.1 : 0.001, outputBytes = 32 });
            (await Client.PutJsonAsync($"/v1/models/toy/benchmarks/{resource}", new { blocks })).EnsureSuccessStatusCode();
        }

        var answer = await (await Client.GetAsync("/v1/models/toy/partitions?device=!-1&cloud=!-1")).ReadJsonAsync();

        var stages = answer["results"]![0]!["stages"]!.AsArray();
        Assert.All(stages, s => Assert.Equal($"/v1/models/toy/segments/{s!["firstLayer"]}-{s["lastLayer"]}", s["segmentHref"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(stages[1]!["segmentHref"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task SymbolicDimensionsMustBeGivenAndUploadsAreCappedInSize()
    {
        using var capped = new ScissionApiFactory(settings: new Dictionary<string, string> { ["Onnx:MaxUploadBytes"] = "100" });
        var small = capped.CreateClient();

        var tooLarge = await small.PutAsync("/v1/models/toy", Onnx(Resnet.Model));
        var badDims = await Client.PutAsync("/v1/models/toy?dims=height", Onnx(Resnet.Model));
        var notOnnxType = await Client.PutAsync("/v1/models/toy/file", HttpJson.Json("{}"));

        await tooLarge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await badDims.AssertFieldErrorAsync("dims");
        await notOnnxType.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        // A dimension the inputs do not have is a typo (what was meant would silently keep its default); restating a
        // fixed one by position is not. The toy's input is [1, 8].
        var typo = await Client.PutAsync("/v1/models/toy?dims=bacth:4", Onnx(Resnet.Model));
        Assert.Contains("bacth", await typo.AssertFieldErrorAsync("dims"), StringComparison.Ordinal);
        (await Client.PutAsync("/v1/models/toy?dims=dim1:8", Onnx(Resnet.Model))).EnsureSuccessStatusCode();
        await (await Client.PutAsync("/v1/models/toy?dims=dim1:9", Onnx(Resnet.Model))).AssertFieldErrorAsync("dims");
    }

    [Fact]
    public async Task ResNet18UploadsWithASensibleLayout()
    {
        var response = await Client.PutAsync("/v1/models/resnet18?cuts=single", Onnx(await File.ReadAllBytesAsync(RealModels.ResNet18)));
        var model = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.InRange(model["blockCount"]!.GetValue<int>(), 8, 40);
        Assert.Equal(2048, model["onnx"]!["blocks"]!.AsArray()[^1]!["bytes"]!.GetValue<long>());
        var output = Assert.Single(model["onnx"]!["outputs"]!.AsArray());
        Assert.Equal(model["onnx"]!["blocks"]!.AsArray()[^1]!["tensors"]![0]!["name"]!.GetValue<string>(), output!["name"]!.GetValue<string>());
    }
}
