using Scission.Onnx;
using Scission.Testing;

namespace Scission.Api.Tests.Onnx;

public sealed class RealModelTests
{
    [Fact]
    public void ResNet18HasSensibleBlocksAndItsSegmentsChainBack()
    {
        var bytes = File.ReadAllBytes(RealModels.ResNet18);

        var model = OnnxModel.Analyze(bytes);
        var analysis = model.Analysis;

        // Residual units cannot be cut inside, so there are far fewer blocks than layers, but more than a few.
        Assert.InRange(analysis.Blocks.Count, 8, analysis.LayerCount / 2);
        Assert.Equal([1L, 3, 224, 224], analysis.Input.Shape);
        Assert.Equal(512 * 4, analysis.Blocks[^1].Output.Bytes);
        var input = DeterministicInputFor(analysis.Input.Shape);
        var whole = OnnxProfiler.Chain([bytes], input, analysis.Input.Shape);
        var middle = analysis.Blocks[analysis.Blocks.Count / 2];
        var chained = OnnxProfiler.Chain(
            [model.Segment(0, middle.LastLayer), model.Segment(middle.LastLayer + 1, analysis.Blocks[^1].LastLayer)],
            input,
            analysis.Input.Shape);
        TensorAssert.Close(whole, chained, 1e-3f);
    }

    [OcrModelsFact]
    public void PaddleOcrModelsAnalyseAndChain()
    {
        foreach (var (file, dims) in new[]
        {
            ("ch_PP-OCRv4_det_infer.onnx", new Dictionary<string, long> { ["dim2"] = 320, ["dim3"] = 320 }),
            ("ch_PP-OCRv4_rec_infer.onnx", new Dictionary<string, long> { ["dim2"] = 48, ["dim3"] = 320 }),
            ("ch_ppocr_mobile_v2.0_cls_infer.onnx", new Dictionary<string, long> { ["dim2"] = 48, ["dim3"] = 192 }),
        })
        {
            var bytes = File.ReadAllBytes(RealModels.Ocr(file));
            var model = OnnxModel.Analyze(bytes, dims);
            var analysis = model.Analysis;
            Assert.True(analysis.Blocks.Count >= 3, $"{file}: only {analysis.Blocks.Count} blocks");

            var input = DeterministicInputFor(analysis.Input.Shape);
            var whole = OnnxProfiler.Chain([bytes], input, analysis.Input.Shape);
            var cut = analysis.Blocks[analysis.Blocks.Count / 2].LastLayer;
            var chained = OnnxProfiler.Chain([model.Segment(0, cut), model.Segment(cut + 1, analysis.Blocks[^1].LastLayer)], input, analysis.Input.Shape);
            TensorAssert.Close(whole, chained, 1e-3f);
        }
    }

    private static float[] DeterministicInputFor(long[] shape)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(_ => random.NextSingle())];
    }
}
