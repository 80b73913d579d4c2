using Scission.Onnx;
using Scission.Testing;

namespace Scission.Api.Tests.Onnx;

/// <summary>Segments of every plan, chained by tensor name, reproduce the whole model: single-tensor and many-tensor cuts alike.</summary>
public sealed class SegmentChainTests
{
    public static TheoryData<string, string> Graphs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _, _) in OnnxModelBuilder.Topologies())
        {
            data.Add(name, "single");
            data.Add(name, "all");
        }

        data.Add("u-net", "all");
        data.Add("two-in-two-out", "all");
        data.Add("mixed-inputs", "all");
        data.Add("constant-outputs", "all");
        data.Add("dead-ends", "all");
        data.Add("dead-ends", "single");
        return data;
    }

    private static byte[] Graph(string name) => name switch
    {
        "u-net" => OnnxModelBuilder.UNet(),
        "two-in-two-out" => OnnxModelBuilder.TwoInTwoOut(),
        "mixed-inputs" => OnnxModelBuilder.MixedInputs(),
        "constant-outputs" => OnnxModelBuilder.ConstantOutputs(),
        "dead-ends" => OnnxModelBuilder.DeadEnds(),
        _ => OnnxModelBuilder.Topologies().Single(t => t.Name == name).Model,
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public void SegmentsOfEveryPlanChainBackToTheWholeModel(string name, string cuts)
    {
        var bytes = Graph(name);
        var model = OnnxModel.Analyze(bytes, new AnalysisOptions { Cuts = CutRule.Parse(cuts)! });
        var blocks = model.Analysis.Blocks;
        var inputs = DeterministicInput.For(model.Analysis);
        var whole = SegmentChain.Run([bytes], inputs);

        // Every way to cut the block sequence into contiguous segments, as plans do; beyond 2^9 plans, every plan
        // of up to three cuts and the plan that cuts everywhere.
        Assert.InRange(blocks.Count, 2, 16);
        var everywhere = (1 << (blocks.Count - 1)) - 1;
        for (var mask = 0; mask <= everywhere; mask++)
        {
            if (blocks.Count > 10 && mask != everywhere && System.Numerics.BitOperations.PopCount((uint)mask) > 3)
            {
                continue;
            }

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

            var chained = SegmentChain.Run(segments, inputs);
            var outputs = model.Analysis.Outputs.Select(o => o.Name).ToList();
            TensorAssert.Close([.. outputs.Select(o => whole[o].ToFloats())], [.. outputs.Select(o => chained[o].ToFloats())], 1e-5f);
        }
    }

    [Fact]
    public void DeadEndsJoinANeighbourAndEveryBlockExportsAndProfiles()
    {
        var bytes = OnnxModelBuilder.DeadEnds();
        var model = OnnxModel.Analyze(bytes);

        Assert.Equal([0, 1, 4], model.Analysis.Blocks.Select(b => b.LastLayer));
        foreach (var block in model.Analysis.Blocks)
        {
            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model.Segment(block.FirstLayer, block.LastLayer));
            Assert.NotEmpty(session.OutputNames);
        }

        Assert.True(OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = 1, Warmup = 0 }).MaxAbsoluteDifference < 1e-5);
    }

    [Fact]
    public void OutputsNothingComputesAreReturnedByTheLastSegment()
    {
        var bytes = OnnxModelBuilder.ConstantOutputs();
        var model = OnnxModel.Analyze(bytes);
        var last = model.Analysis.Blocks[^1];

        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model.Segment(last.FirstLayer, last.LastLayer));
        Assert.Equal(model.Analysis.Outputs.Select(o => o.Name).Order(), session.OutputNames.Order());
        Assert.True(OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = 1, Warmup = 0 }).MaxAbsoluteDifference < 1e-5);
    }

    [Fact]
    public void OutputsThatAreNotFiniteAgreeWhenBothRunsGiveTheSameValue()
    {
        var bytes = OnnxModelBuilder.NotFiniteOutputs();
        var model = OnnxModel.Analyze(bytes, new AnalysisOptions { Cuts = CutRule.Parse("all")! });
        var whole = SegmentChain.Run([bytes], DeterministicInput.For(model.Analysis))[model.Analysis.Outputs[0].Name].ToDoubles();
        Assert.Contains(whole, double.IsNaN);

        var profile = OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = 1, Warmup = 0 });

        Assert.Equal(model.Analysis.Blocks.Count, profile.Blocks.Count);
        Assert.Equal(0, profile.MaxAbsoluteDifference);
    }

    [Fact]
    public void AUNetIsCutAroundItsBottleneckOnlyWithSeveralTensors()
    {
        var analysis = OnnxAnalyzer.Analyze(OnnxModelBuilder.UNet());

        // Layers 0-5 encode (e1 = t2, e2 = t5, e3 = t8), 6 is the bottleneck (t10), 7-12 decode.
        Assert.Equal(["t2", "t5", "t8"], analysis.Blocks.Single(b => b.LastLayer == 5).Tensors.Select(t => t.Name));
        Assert.Equal(["t2", "t5", "t8", "t10"], analysis.Blocks.Single(b => b.LastLayer == 6).Tensors.Select(t => t.Name));
        Assert.Equal(4 * 8 * 4, analysis.Blocks.Single(b => b.LastLayer == 6).Bytes);
        var single = OnnxAnalyzer.Analyze(OnnxModelBuilder.UNet(), new AnalysisOptions { Cuts = CutRule.OneTensor });
        Assert.DoesNotContain(single.Blocks, b => b.LastLayer is >= 2 and <= 10);
    }

    [Fact]
    public void ASegmentTakesWhatCrossesIntoItAndGivesWhatCrossesOut()
    {
        var model = OnnxModel.Analyze(OnnxModelBuilder.TwoInTwoOut());
        var analysis = model.Analysis;

        Assert.Equal(["input", "second"], analysis.Inputs.Select(i => i.Name));
        Assert.Equal(["t5", "t8"], analysis.Outputs.Select(o => o.Name));
        // Layers: 0 x (t1), 1 y (t3), 2 s (t4), 3 first output (t5), 4 z (t7), 5 second output (t8).
        // After layer 0 the second input still waits for layer 1; after layer 3 the first output is carried on.
        Assert.Equal(["second", "t1"], analysis.Blocks[0].Tensors.Select(t => t.Name));
        Assert.Equal(["t3", "t4", "t5"], analysis.Blocks[3].Tensors.Select(t => t.Name));

        using var middle = new Microsoft.ML.OnnxRuntime.InferenceSession(model.Segment(1, 3));
        Assert.Equal(["second", "t1"], middle.InputNames.Order());
        Assert.Equal(["t3", "t4", "t5"], middle.OutputNames.Order());
        using var last = new Microsoft.ML.OnnxRuntime.InferenceSession(model.Segment(4, 5));
        Assert.Equal(["t3", "t4"], last.InputNames.Order());
        Assert.Equal(["t8"], last.OutputNames);
    }

    [Fact]
    public void InputsOfEveryNumericTypeGetDeterministicValuesAndAreCarriedUntilRead()
    {
        var bytes = OnnxModelBuilder.MixedInputs();
        var model = OnnxModel.Analyze(bytes, new AnalysisOptions { Vocabulary = 7 });
        var analysis = model.Analysis;

        Assert.Equal(["float32", "float16", "int32", "bool"], analysis.Inputs.Select(i => i.ElementType));
        Assert.Equal([32L, 16, 32, 8], analysis.Inputs.Select(i => i.Bytes));
        Assert.Equal(7, analysis.Vocabulary);
        var inputs = DeterministicInput.For(analysis);
        Assert.All(inputs.Single(i => i.Name == "ids").ToDoubles(), id => Assert.InRange(id, 0, 6));
        Assert.All(inputs.Single(i => i.Name == "mask").ToDoubles(), flag => Assert.Equal(1, flag));
        Assert.All(inputs.Single(i => i.Name == "half").ToDoubles(), value => Assert.InRange(value, 0, 1));
        Assert.Equal(inputs.Select(i => i.Bytes), DeterministicInput.For(analysis).Select(i => i.Bytes));

        // After layer 0 the three other inputs still wait to be read, each with its own type and size.
        Assert.Equal(["half", "ids", "mask", "t1"], analysis.Blocks[0].Tensors.Select(t => t.Name));
        Assert.Equal(16 + 32 + 8 + 32, analysis.Blocks[0].Bytes);
        var profile = OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = 2, Warmup = 0 });
        Assert.True(profile.MaxAbsoluteDifference < 1e-4);
    }

    [Fact]
    public void TheProfileChainsTensorSetsAndGroupsSmallBlocks()
    {
        var bytes = OnnxModelBuilder.UNet();
        var model = OnnxModel.Analyze(bytes);

        var grouped = OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = 3, Warmup = 1, TargetSessions = 3 });

        Assert.Equal(model.Analysis.Blocks.Count, grouped.Blocks.Count);
        Assert.InRange(grouped.Sessions, 2, 6);
        Assert.True(grouped.MaxAbsoluteDifference < 1e-5);
        var groups = grouped.Blocks.Where(b => b.Statistics.GroupBlocks is not null).GroupBy(b => b.Statistics.GroupBlocks!).ToList();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.Equal(1.0, g.Sum(b => b.Statistics.GroupShare!.Value), 9));
        Assert.All(grouped.Blocks, b => Assert.True(b.MedianSeconds > 0));
    }

    [Fact]
    public void ProfilingATwoInputModelChecksBothOutputs()
    {
        var bytes = OnnxModelBuilder.TwoInTwoOut();
        var model = OnnxModel.Analyze(bytes);

        var profile = OnnxProfiler.Profile(model, bytes, new ProfileSettings { Repeats = 2, Warmup = 0 });
        Assert.Equal(model.Analysis.Blocks.Count, profile.Sessions);
        Assert.True(profile.MaxAbsoluteDifference < 1e-5);

        // The same graph with other weights as "the whole model": the chained blocks disagree with it.
        var other = OnnxModelBuilder.TwoInTwoOut(seed: 9);
        var disagreement = Assert.Throws<EquivalenceException>(() => OnnxProfiler.Profile(model, other, new ProfileSettings { Repeats = 1, Warmup = 0 }));
        Assert.StartsWith("output 't5'", disagreement.Message, StringComparison.Ordinal);
    }
}
