using Scission.Domain.Catalog;
using Scission.Infrastructure.Onnx;

namespace Scission.Api.Tests.Onnx;

public sealed class StoredAnalysisTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Fact]
    public void AnAnalysisStoredBeforeTensorSetCutsReadsAsSingleTensorCuts()
    {
        const string stored = """
            {"input":{"name":"input","elementType":"float32","shape":[1,8],"bytes":32},
             "blocks":[{"firstLayer":0,"lastLayer":3,"output":{"name":"t5","elementType":"float32","shape":[1,8],"bytes":32}},
                       {"firstLayer":4,"lastLayer":5,"output":{"name":"t8","elementType":"float32","shape":[1,4],"bytes":16}}],
             "layerCount":6,"dimensions":{}}
            """;

        var analysis = OnnxModelFiles.Analysis(new ModelGraph(stored, 100, "AB"));

        Assert.Equal("input", analysis.Inputs.Single().Name);
        Assert.Equal(["t5"], analysis.Blocks[0].Tensors.Select(t => t.Name));
        Assert.Equal(32, analysis.Blocks[0].Bytes);
        Assert.Equal(["t8"], analysis.Outputs.Select(t => t.Name));
        Assert.Equal("single", analysis.Cuts);
        Assert.Equal(1000, analysis.Vocabulary);
    }

    [Fact]
    public void AnAnalysisStoredTodayReadsBackAsItWasWritten()
    {
        var today = Scission.Onnx.OnnxAnalyzer.Analyze(Scission.Testing.OnnxModelBuilder.TwoInTwoOut());
        var json = System.Text.Json.JsonSerializer.Serialize(today, Web);

        var read = OnnxModelFiles.Analysis(new ModelGraph(json, 100, "AB"));

        Assert.Equal(today.Inputs.Select(i => i.Name), read.Inputs.Select(i => i.Name));
        Assert.Equal(today.Blocks.Select(b => b.Bytes), read.Blocks.Select(b => b.Bytes));
        Assert.Equal(today.Blocks.SelectMany(b => b.Tensors.Select(t => t.Name)), read.Blocks.SelectMany(b => b.Tensors.Select(t => t.Name)));
        Assert.Equal(today.Cuts, read.Cuts);
    }
}
