using Scission.Onnx;
using Scission.Testing;

namespace Scission.Api.Tests.Onnx;

public sealed class RealModelTests
{
    [Fact]
    public void ResNet18HasSensibleSingleTensorBlocksAndTheyChainBack()
    {
        var bytes = File.ReadAllBytes(RealModels.ResNet18);

        var model = OnnxModel.Analyze(bytes, new AnalysisOptions { Cuts = CutRule.OneTensor });
        var analysis = model.Analysis;

        // Residual units cannot be cut inside with one tensor, so there are far fewer blocks than layers, but more than a few.
        Assert.InRange(analysis.Blocks.Count, 8, analysis.LayerCount / 2);
        Assert.Equal([1L, 3, 224, 224], analysis.Inputs.Single().Shape);
        Assert.Equal(512 * 4, analysis.Blocks[^1].Bytes);
        var middle = analysis.Blocks[analysis.Blocks.Count / 2];
        AssertChainsBack(model, bytes, [middle.LastLayer]);
    }

    [Fact]
    public void ResNet18WithAllCutsHasAlmostABlockPerLayerAndEveryBlockChainsBack()
    {
        var bytes = File.ReadAllBytes(RealModels.ResNet18);
        var single = OnnxAnalyzer.Analyze(bytes, new AnalysisOptions { Cuts = CutRule.OneTensor });

        var model = OnnxModel.Analyze(bytes);
        var analysis = model.Analysis;

        Assert.InRange(analysis.Blocks.Count, single.Blocks.Count * 2, analysis.LayerCount);
        Assert.Contains(analysis.Blocks, b => b.Tensors.Count == 2);
        Assert.Subset(analysis.Blocks.Select(b => b.LastLayer).ToHashSet(), single.Blocks.Select(b => b.LastLayer).ToHashSet());
        // Every block as a segment of its own, chained: each cut, single or not, hands on all its next blocks need.
        AssertChainsBack(model, bytes, [.. analysis.Blocks.SkipLast(1).Select(b => b.LastLayer)]);
    }

    [OcrModelsFact]
    public void PaddleOcrModelsAnalyseAndChainWithAllCuts()
    {
        foreach (var (file, dims) in new[]
        {
            ("ch_PP-OCRv4_det_infer.onnx", new Dictionary<string, long> { ["dim2"] = 320, ["dim3"] = 320 }),
            ("ch_PP-OCRv4_rec_infer.onnx", new Dictionary<string, long> { ["dim2"] = 48, ["dim3"] = 320 }),
            ("ch_ppocr_mobile_v2.0_cls_infer.onnx", new Dictionary<string, long> { ["dim2"] = 48, ["dim3"] = 192 }),
        })
        {
            var bytes = File.ReadAllBytes(RealModels.Ocr(file));
            var single = OnnxAnalyzer.Analyze(bytes, new AnalysisOptions { Dimensions = dims, Cuts = CutRule.OneTensor });
            var model = OnnxModel.Analyze(bytes, new AnalysisOptions { Dimensions = dims });
            var blocks = model.Analysis.Blocks;
            Assert.True(blocks.Count > single.Blocks.Count, $"{file}: {blocks.Count} blocks with all cuts, {single.Blocks.Count} with single ones");

            // Cuts at a third and two thirds, wherever they fall: many-tensor cuts among them in these models.
            AssertChainsBack(model, bytes, [blocks[blocks.Count / 3].LastLayer, blocks[2 * blocks.Count / 3].LastLayer], 1e-3f);
        }
    }

    [Fact]
    public void MiniLmTakesThreeIntegerInputsAndIsCutWhereTheMaskCrossesWithTheResidualStream()
    {
        var bytes = RealModels.MiniLm;

        var missing = Assert.Throws<OnnxModelException>(() => OnnxAnalyzer.Analyze(bytes));
        Assert.Equal("dims", missing.Field);

        var model = OnnxModel.Analyze(bytes, new AnalysisOptions { Dimensions = MiniLmDimensions });
        var analysis = model.Analysis;
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], analysis.Inputs.Select(i => i.Name).Order(StringComparer.Ordinal).Reverse().OrderBy(n => n != "input_ids").ThenBy(n => n != "attention_mask"));
        Assert.All(analysis.Inputs, i => Assert.Equal("int64", i.ElementType));
        Assert.All(analysis.Inputs, i => Assert.Equal([1L, 32], i.Shape));
        var single = OnnxAnalyzer.Analyze(bytes, new AnalysisOptions { Dimensions = MiniLmDimensions, Cuts = CutRule.OneTensor });
        Assert.True(analysis.Blocks.Count > 10 * single.Blocks.Count, $"{analysis.Blocks.Count} blocks with all cuts, {single.Blocks.Count} with single ones");
        Assert.Contains(analysis.Blocks, b => b.Tensors.Count >= 2);

        var blocks = analysis.Blocks;
        AssertChainsBack(model, bytes, [blocks[blocks.Count / 4].LastLayer, blocks[blocks.Count / 2].LastLayer, blocks[3 * blocks.Count / 4].LastLayer], 1e-4f);
    }

    public static Dictionary<string, long> MiniLmDimensions => new() { ["sequence"] = 32 };

    /// <summary>The model cut after each of <paramref name="cuts"/>, chained by name, gives every output of the whole model.</summary>
    private static void AssertChainsBack(OnnxModel model, byte[] bytes, int[] cuts, float tolerance = 1e-3f)
    {
        var inputs = DeterministicInput.For(model.Analysis);
        var whole = SegmentChain.Run([bytes], inputs);
        var segments = new List<byte[]>();
        var first = 0;
        foreach (var last in cuts.Append(model.Analysis.Blocks[^1].LastLayer))
        {
            segments.Add(model.Segment(first, last));
            first = last + 1;
        }

        var chained = SegmentChain.Run(segments, inputs);
        var outputs = model.Analysis.Outputs.Select(o => o.Name).ToList();
        TensorAssert.Close([.. outputs.Select(o => whole[o].ToFloats())], [.. outputs.Select(o => chained[o].ToFloats())], tolerance);
    }
}
