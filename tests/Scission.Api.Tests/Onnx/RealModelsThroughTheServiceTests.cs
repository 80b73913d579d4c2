using System.Net;
using Scission.Agent;
using Scission.Api.Tests.Support;
using Scission.Testing;
using Spectre.Console;

namespace Scission.Api.Tests.Onnx;

/// <summary>The real models end to end: upload, layout, the agent, a server-side run, and their segments.</summary>
public sealed class RealModelsThroughTheServiceTests : ApiTest
{
    protected override Task SeedAsync() => RegisterAsync(("agent-box", "edge"), ("server-box", "cloud"));

    [Fact]
    public async Task ResNet18IsBenchmarkedByTheAgent()
    {
        (await Client.PutAsync("/v1/models/resnet18", OnnxModelsApiTests.Onnx(await File.ReadAllBytesAsync(RealModels.ResNet18)))).EnsureSuccessStatusCode();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });

        var code = await AgentApp.RunAsync(["benchmark", "--server", "http://localhost", "--resource", "agent-box", "--model", "resnet18", "--repeats", "2", "--warmup", "1"], console, () => Factory.Server.CreateHandler());

        Assert.Equal(ExitCodes.Success, code);
        var benchmark = await (await Client.GetAsync("/v1/models/resnet18/benchmarks/agent-box")).ReadJsonAsync();
        Assert.All(benchmark["blocks"]!.AsArray(), b => Assert.True(b!["latencySeconds"]!.GetValue<double>() > 0));
    }

    [OcrModelsFact]
    public async Task PaddleOcrModelsUploadBenchmarkOnTheServerAndServeSegments()
    {
        foreach (var (name, file, dims) in new[]
        {
            ("ocr-det", "ch_PP-OCRv4_det_infer.onnx", "dim2:320,dim3:320"),
            ("ocr-rec", "ch_PP-OCRv4_rec_infer.onnx", "dim2:48,dim3:320"),
            ("ocr-cls", "ch_ppocr_mobile_v2.0_cls_infer.onnx", "dim2:48,dim3:192"),
        })
        {
            var upload = await Client.PutAsync($"/v1/models/{name}?dims={dims}", OnnxModelsApiTests.Onnx(await File.ReadAllBytesAsync(RealModels.Ocr(file))));
            var model = await upload.ReadJsonAsync();
            Assert.True(upload.StatusCode == HttpStatusCode.Created, model.ToJsonString());
            Assert.True(model["blockCount"]!.GetValue<int>() >= 3, $"{name}: {model["blockCount"]} blocks");

            var accepted = await Client.PostAsync($"/v1/models/{name}/benchmark-runs", HttpJson.Json("""{"resource": "server-box", "repeats": 1, "warmup": 0}"""));
            var operation = await OperationPolling.FinishedAsync(Client, accepted.Headers.Location!.OriginalString, TimeSpan.FromSeconds(120));
            Assert.True(operation["status"]!.GetValue<string>() == "succeeded", operation.ToJsonString());

            var blocks = model["onnx"]!["blocks"]!.AsArray();
            var segment = await Client.GetAsync(blocks[blocks.Count / 2]!["segmentHref"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
        }
    }

    [Fact]
    public async Task MiniLmUploadsIsBenchmarkedOnBothMachinesAndPartitionsAcrossMultiTensorCuts()
    {
        var upload = await Client.PutAsync("/v1/models/minilm?dims=sequence:32", OnnxModelsApiTests.Onnx(RealModels.MiniLm));
        var model = await upload.ReadJsonAsync();
        Assert.True(upload.StatusCode == HttpStatusCode.Created, model.ToJsonString());
        Assert.Equal(3, model["onnx"]!["inputs"]!.AsArray().Count);
        Assert.All(model["onnx"]!["inputs"]!.AsArray(), i => Assert.Equal("int64", i!["elementType"]!.GetValue<string>()));
        Assert.Contains(model["onnx"]!["blocks"]!.AsArray(), b => b!["tensors"]!.AsArray().Count >= 3);

        await RegisterAsync(("laptop", "device"));
        // One machine measures every block alone, the other in about 24 sessions of grouped blocks.
        foreach (var (resource, sessions) in new[] { ("laptop", 24), ("server-box", 0) })
        {
            var accepted = await Client.PostAsync("/v1/models/minilm/benchmark-runs", HttpJson.Json($$"""{"resource": "{{resource}}", "repeats": 2, "warmup": 1, "sessions": {{sessions}}}"""));
            var operation = await OperationPolling.FinishedAsync(Client, accepted.Headers.Location!.OriginalString, TimeSpan.FromSeconds(300));
            Assert.True(operation["status"]!.GetValue<string>() == "succeeded", operation.ToJsonString());
        }

        var grouped = await (await Client.GetAsync("/v1/models/minilm/benchmarks/laptop")).ReadJsonAsync();
        var alone = await (await Client.GetAsync("/v1/models/minilm/benchmarks/server-box")).ReadJsonAsync();
        var groups = grouped["provenance"]!["blockStatistics"]!.AsArray().Select(s => s!["groupBlocks"]?.GetValue<string>()).Where(g => g is not null).Distinct().Count();
        Assert.InRange(groups, 5, 60);
        Assert.All(alone["provenance"]!["blockStatistics"]!.AsArray(), s => Assert.Null(s!["groupBlocks"]));

        await TinyCatalog.LinkAsync(Client, "default", "laptop", "server-box", 5, 50);
        var answer = await (await Client.GetAsync("/v1/models/minilm/partitions?device=!-1&cloud=!-1&top=3")).ReadJsonAsync();
        Assert.True(answer["results"]!.AsArray().Count > 0, answer.ToJsonString());
        var best = answer["results"]![0]!;
        var stages = best["stages"]!.AsArray();
        Assert.Equal(2, stages.Count);

        // The stages' segments, fetched from the service and chained by tensor name, give the whole model's embedding.
        var segments = new List<byte[]>();
        foreach (var stage in stages)
        {
            segments.Add(await Client.GetByteArrayAsync(stage!["segmentHref"]!.GetValue<string>()));
        }

        var analysed = Scission.Onnx.OnnxModel.Analyze(RealModels.MiniLm, new Scission.Onnx.AnalysisOptions { Dimensions = RealModelTests.MiniLmDimensions });
        var inputs = Scission.Onnx.DeterministicInput.For(analysed.Analysis);
        var whole = Scission.Onnx.SegmentChain.Run([RealModels.MiniLm], inputs);
        var chained = Scission.Onnx.SegmentChain.Run(segments, inputs);
        var outputs = analysed.Analysis.Outputs.Select(o => o.Name).ToList();
        TensorAssert.Close([.. outputs.Select(o => whole[o].ToFloats())], [.. outputs.Select(o => chained[o].ToFloats())], 1e-4f);
    }
}
