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
    public void SingleTensorCutsAreExactlyThoseKnownByConstruction(string name)
    {
        var (bytes, ends) = Topology(name);

        var analysis = OnnxAnalyzer.Analyze(bytes, new AnalysisOptions { Cuts = CutRule.OneTensor });

        Assert.Equal(ends, analysis.Blocks.Select(b => b.LastLayer));
        Assert.Equal("single", analysis.Cuts);
        Assert.All(analysis.Blocks.SkipLast(1), b => Assert.Single(b.Tensors));
        Assert.Equal(0, analysis.Blocks[0].FirstLayer);
        Assert.All(analysis.Blocks.Skip(1).Zip(analysis.Blocks), pair => Assert.Equal(pair.Second.LastLayer + 1, pair.First.FirstLayer));
    }

    [Theory]
    [MemberData(nameof(TopologyNames))]
    public void AllCutsEndABlockAtEveryLayerThatComputesAnActivation(string name)
    {
        var (bytes, single) = Topology(name);

        var analysis = OnnxAnalyzer.Analyze(bytes);

        // Only the Constant node's layer hands on what it received; every single-tensor cut is among them.
        var constantLayers = name == "constant-node" ? new[] { 1 } : [];
        Assert.Equal(Enumerable.Range(0, analysis.LayerCount).Except(constantLayers), analysis.Blocks.Select(b => b.LastLayer));
        Assert.Subset(analysis.Blocks.Select(b => b.LastLayer).ToHashSet(), single.ToHashSet());
        Assert.Equal("all", analysis.Cuts);
    }

    [Fact]
    public void EachCutListsEveryTensorThatCrossesItAndChargesTheirBytes()
    {
        var (bytes, _) = Topology("densenet-concat");

        var analysis = OnnxAnalyzer.Analyze(bytes);

        // Layers: 0 d0 (t1), 1 dense, 2 d1 = relu (t4), 3 concat(d0, d1), 4 dense, 5 d2 = relu (t8), 6 concat(d0, d1, d2), 7 dense.
        Assert.Equal(["t1"], analysis.Blocks[0].Tensors.Select(t => t.Name));
        Assert.Equal(["t1", "t4"], analysis.Blocks[2].Tensors.Select(t => t.Name));
        Assert.Equal(["t1", "t4", "t8"], analysis.Blocks[5].Tensors.Select(t => t.Name));
        Assert.Equal(3 * 8 * 4, analysis.Blocks[5].Bytes);
        var concat = analysis.Blocks[3].Tensors[^1];
        Assert.Equal([1L, 16], concat.Shape);
        Assert.Equal("float32", concat.ElementType);
        Assert.Equal(analysis.Blocks[3].Tensors.Sum(t => t.Bytes), analysis.Blocks[3].Bytes);
        Assert.Equal("float32", analysis.Inputs.Single().ElementType);
        Assert.Equal([1L, 8], analysis.Inputs.Single().Shape);
        Assert.Equal(8, analysis.LayerCount);
    }

    [Fact]
    public void ACapOnTensorsPerCutKeepsOnlyTheCutsWithinIt()
    {
        var (bytes, _) = Topology("densenet-concat");

        var analysis = OnnxAnalyzer.Analyze(bytes, new AnalysisOptions { Cuts = CutRule.Parse("2")! });

        Assert.Equal([0, 1, 2, 6, 7], analysis.Blocks.Select(b => b.LastLayer));
        Assert.All(analysis.Blocks, b => Assert.InRange(b.Tensors.Count, 1, 2));
        Assert.Equal("2", analysis.Cuts);
    }

    [Theory]
    [InlineData(null, "all")]
    [InlineData("single", "single")]
    [InlineData("ALL", "all")]
    [InlineData("1", "single")]
    [InlineData("3", "3")]
    [InlineData("0", null)]
    [InlineData("1001", null)]
    [InlineData("some", null)]
    [InlineData("-2", null)]
    public void CutRulesParseAsWritten(string? text, string? expected) =>
        Assert.Equal(expected, CutRule.Parse(text)?.ToString());

    [Fact]
    public void RangesMustStartAndEndOnBlockBoundaries()
    {
        var (bytes, _) = Topology("resnet-skip");
        var model = OnnxModel.Analyze(bytes, new AnalysisOptions { Cuts = CutRule.OneTensor });

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
        var (bytes, _) = Topology("inception-branches");
        var model = OnnxModel.Analyze(bytes);

        var profile = OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = 5, Warmup = 1 });

        Assert.Equal(model.Analysis.Blocks.Count, profile.Blocks.Count);
        Assert.Equal(profile.Blocks.Count, profile.Sessions);
        Assert.All(profile.Blocks, b => Assert.Null(b.Statistics.GroupBlocks));
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

        // The same chain with other weights as "the whole model": the chained blocks cannot agree with it.
        var other = new OnnxModelBuilder(seed: 99);
        var otherBytes = other.Build(other.Dense(other.Relu(other.Dense(other.Relu(other.Dense(OnnxModelBuilder.Input))))));
        Assert.Throws<EquivalenceException>(() => OnnxProfiler.Profile(model, otherBytes, new ProfileSettings { Repeats = 1, Warmup = 0 }));
    }
}
