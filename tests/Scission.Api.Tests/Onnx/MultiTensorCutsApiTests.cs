using System.Net;
using Microsoft.ML.OnnxRuntime;
using Scission.Api.Tests.Support;
using Scission.Onnx;
using Scission.Testing;

namespace Scission.Api.Tests.Onnx;

/// <summary>Uploads cut where several tensors cross: what the model response lists, the upload options, and segments with several inputs.</summary>
public sealed class MultiTensorCutsApiTests : ApiTest
{
    [Fact]
    public async Task EachBoundaryListsItsTensorsAndChargesTheirBytes()
    {
        var created = await Client.PutAsync("/v1/models/unet", OnnxModelsApiTests.Onnx(OnnxModelBuilder.UNet()));
        var onnx = (await created.ReadJsonAsync())["onnx"]!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("all", onnx["cuts"]!.GetValue<string>());
        Assert.Equal(DeterministicInput.DefaultVocabulary, onnx["vocabulary"]!.GetValue<long>());
        var bottleneck = onnx["blocks"]!.AsArray().Single(b => b!["lastLayer"]!.GetValue<int>() == 6)!;
        Assert.Equal(["t2", "t5", "t8", "t10"], bottleneck["tensors"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.All(bottleneck["tensors"]!.AsArray(), t => Assert.Equal([1L, 8], t!["shape"]!.AsArray().Select(d => d!.GetValue<long>())));
        Assert.Equal(4 * 8 * 4, bottleneck["bytes"]!.GetValue<long>());
        Assert.Equal(["t21"], onnx["outputs"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ACapOnTensorsPerCutIsKeptAndBadOptionsAreRefusedByName()
    {
        var capped = await (await Client.PutAsync("/v1/models/unet?cuts=2", OnnxModelsApiTests.Onnx(OnnxModelBuilder.UNet()))).ReadJsonAsync();
        var badCuts = await Client.PutAsync("/v1/models/unet?cuts=every", OnnxModelsApiTests.Onnx(OnnxModelBuilder.UNet()));
        var badVocabulary = await Client.PutAsync("/v1/models/unet?vocabulary=0", OnnxModelsApiTests.Onnx(OnnxModelBuilder.UNet()));
        var stored = await (await Client.GetAsync("/v1/models/unet")).ReadJsonAsync();

        Assert.Equal("2", capped["onnx"]!["cuts"]!.GetValue<string>());
        Assert.All(capped["onnx"]!["blocks"]!.AsArray(), b => Assert.InRange(b!["tensors"]!.AsArray().Count, 1, 2));
        Assert.Contains("single", await badCuts.AssertFieldErrorAsync("cuts"), StringComparison.Ordinal);
        await badVocabulary.AssertFieldErrorAsync("vocabulary");
        Assert.Equal(capped["blockCount"]!.GetValue<int>(), stored["blockCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task SegmentsTakeEveryTensorCrossingIntoThemAndChainByName()
    {
        await Client.PutAsync("/v1/models/two?cuts=all", OnnxModelsApiTests.Onnx(OnnxModelBuilder.TwoInTwoOut()));

        var head = await Client.GetByteArrayAsync("/v1/models/two/segments/0-2");
        var tail = await Client.GetByteArrayAsync("/v1/models/two/segments/3-5");

        using (var session = new InferenceSession(tail))
        {
            // y (t3) still feeds the last layer, s (t4) feeds layers 3 and 4.
            Assert.Equal(["t3", "t4"], session.InputNames.Order());
            Assert.Equal(["t5", "t8"], session.OutputNames.Order());
        }

        var model = OnnxModel.Analyze(OnnxModelBuilder.TwoInTwoOut());
        var inputs = DeterministicInput.For(model.Analysis);
        var whole = SegmentChain.Run([OnnxModelBuilder.TwoInTwoOut()], inputs);
        var chained = SegmentChain.Run([head, tail], inputs);
        TensorAssert.Close([whole["t5"].ToFloats(), whole["t8"].ToFloats()], [chained["t5"].ToFloats(), chained["t8"].ToFloats()], 1e-6f);
    }
}
