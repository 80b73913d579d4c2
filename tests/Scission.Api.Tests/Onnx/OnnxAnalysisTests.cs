using Scission.Onnx;
using Scission.Testing;

namespace Scission.Api.Tests.Onnx;

public sealed class OnnxAnalysisTests
{
    public static TheoryData<string> TopologyNames() => [.. OnnxModelBuilder.Topologies().Select(t => t.Name)];

    private static (byte[] Model, int[] BlockEnds) Topology(string name)
    {
        var topology = OnnxModelBuilder.Topologies().Single(t => t.Name == name);
        return (topology.Model, topology.BlockEnds);
    }

    [Theory]
    [MemberData(nameof(TopologyNames))]
    public void SplitPointsAreExactlyTheCutsKnownByConstruction(string name)
    {
        var (bytes, ends) = Topology(name);

        var analysis = OnnxAnalyzer.Analyze(bytes);

        Assert.Equal(ends, analysis.Blocks.Select(b => b.LastLayer));
        Assert.Equal(0, analysis.Blocks[0].FirstLayer);
        Assert.All(analysis.Blocks.Skip(1).Zip(analysis.Blocks), pair => Assert.Equal(pair.Second.LastLayer + 1, pair.First.FirstLayer));
    }

    [Theory]
    [MemberData(nameof(TopologyNames))]
    public void SegmentsOfEveryPlanChainBackToTheWholeModel(string name)
    {
        var (bytes, _) = Topology(name);
        var model = OnnxModel.Analyze(bytes);
        var blocks = model.Analysis.Blocks;
        var input = Enumerable.Range(0, 8).Select(i => (float)Math.Sin(i + 1)).ToArray();
        var whole = OnnxProfiler.Chain([bytes], input, [1, 8]);

        // Every way to cut the block sequence into contiguous segments, as plans do.
        for (var mask = 0; mask < 1 << (blocks.Count - 1); mask++)
        {
            var segments = new List<byte[]>();
            var first = 0;
            for (var b = 0; b < blocks.Count; b++)
            {
                if (b == blocks.Count - 1 || (mask & (1 << b)) != 0)
                {
                    segments.Add(model.Segment(blocks[first].FirstLayer, blocks[b].LastLayer));
                    first = b + 1;
                }
            }

            TensorAssert.Close(whole, OnnxProfiler.Chain(segments, input, [1, 8]), 1e-5f);
        }
    }

    [Fact]
    public void BlocksReportTheirOutputTensorWithShapeTypeAndBytes()
    {
        var (bytes, _) = Topology("densenet-concat");

        var analysis = OnnxAnalyzer.Analyze(bytes);

        Assert.Equal("float32", analysis.Input.ElementType);
        Assert.Equal([1L, 8], analysis.Input.Shape);
        var concat = analysis.Blocks[1].Output;
        Assert.Equal([1L, 24], concat.Shape);
        Assert.Equal(24 * 4, concat.Bytes);
        Assert.Equal(8, analysis.LayerCount);
    }

    [Fact]
    public void RangesMustStartAndEndOnBlockBoundaries()
    {
        var (bytes, _) = Topology("resnet-skip");
        var model = OnnxModel.Analyze(bytes);

        var exception = Assert.Throws<OnnxModelException>(() => model.Segment(2, 3));

        Assert.Contains("block boundaries", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("empty")]
    public void UnreadableFilesAreRejectedWithAReason(string kind)
    {
        var (valid, _) = Topology("vgg-chain");
        var bytes = kind switch
        {
            "garbage" => "this is not a model"u8.ToArray(),
            "truncated" => valid[..(valid.Length / 2)],
            _ => [],
        };

        var exception = Assert.Throws<OnnxModelException>(() => OnnxAnalyzer.Analyze(bytes));

        Assert.Contains("ONNX", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProfileTimesEveryBlockAndTheWholeModel()
    {
        var (bytes, ends) = Topology("inception-branches");
        var model = OnnxModel.Analyze(bytes);

        var profile = OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = 5, Warmup = 1 });

        Assert.Equal(ends.Length, profile.Blocks.Count);
        Assert.All(profile.Blocks, b => Assert.True(b.MedianSeconds > 0 && b.P90Seconds >= b.MedianSeconds && b.Statistics.Count == 5));
        Assert.True(profile.WholeMedianSeconds > 0);
        Assert.Equal(profile.Blocks.Sum(b => b.MedianSeconds) / profile.WholeMedianSeconds, profile.Ratio, 9);
        Assert.True(profile.MaxAbsoluteDifference < 1e-5);
        Assert.StartsWith("onnxruntime 1.", profile.Provenance.Runtime, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEquivalenceCheckCanFail()
    {
        var (bytes, _) = Topology("vgg-chain");
        var model = OnnxModel.Analyze(bytes);

        // No difference at all is accepted below a negative tolerance, so the check must throw.
        Assert.Throws<EquivalenceException>(() => OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = 1, Warmup = 0, AbsoluteTolerance = -1 }));
    }
}
