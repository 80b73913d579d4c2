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
}
