using Scission.Domain.Model;
using Scission.Domain.Search;

namespace Scission.Domain.Tests;

public sealed class LayoutAndFormatTests
{
    [Fact]
    public void BlocksMustBeContiguousAndIncreasing()
    {
        Assert.NotNull(BlockLayout.TryCreate([new(0, 1), new(2, 2), new(3, 7)], out _));

        Assert.Null(BlockLayout.TryCreate([new(0, 1), new(3, 4)], out var gap));
        Assert.Equal(1, gap!.BlockIndex);
        Assert.Null(BlockLayout.TryCreate([new(0, 1), new(2, 1)], out var backwards));
        Assert.Contains("lastLayer", backwards!.Message, StringComparison.Ordinal);
        Assert.Null(BlockLayout.TryCreate([], out var empty));
        Assert.Equal(-1, empty!.BlockIndex);
    }

    [Fact]
    public void FindBlockMapsLayersToTheirBlock()
    {
        var layout = BlockLayout.Create([new(0, 1), new(2, 2), new(3, 7)]);

        Assert.Equal(0, layout.FindBlock(1));
        Assert.Equal(1, layout.FindBlock(2));
        Assert.Equal(2, layout.FindBlock(7));
        Assert.Equal(-1, layout.FindBlock(8));
    }

    [Fact]
    public void DescribeDifferenceNamesTheFirstDifferingBlock()
    {
        var layout = BlockLayout.Create([new(0, 1), new(2, 2), new(3, 7)]);

        Assert.Null(layout.DescribeDifference(BlockLayout.Create([new(0, 1), new(2, 2), new(3, 7)])));
        Assert.Equal("block 2 covers layers 3-6, but the model's layout has 3-7", layout.DescribeDifference(BlockLayout.Create([new(0, 1), new(2, 2), new(3, 6)])));
        Assert.Equal("it has 2 blocks, but the model's layout has 3", layout.DescribeDifference(BlockLayout.Create([new(0, 1), new(2, 2)])));
    }

    [Fact]
    public void ConfigurationUsesTheOriginalFormat()
    {
        StagePlacement[] stages =
        [
            new(0, Tier.Device, "raspi4", 0, 0, null, 0, 0),
            new(1, Tier.Edge, null, 0, 0, null, 0, 0),
            new(2, Tier.Cloud, "6700k(GPU)", 0, 25, new LayerRange(0, 25), 1.5, 4128),
        ];

        Assert.Equal("Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 25", ConfigurationFormatter.Format(stages));
    }

    [Theory]
    [InlineData(1.6, 200_000)]
    [InlineData(0.000004, 0)]
    [InlineData(0.000012, 2)] // 1.5 bytes/s rounds half to even, as Python's round does
    [InlineData(0.00002, 2)] // 2.5 bytes/s
    public void BandwidthRoundsToWholeBytesPerSecondHalfToEven(double mbps, double bytesPerSecond) =>
        Assert.Equal(bytesPerSecond, new NetworkLink("a", "b", 1, mbps).BytesPerSecond);
}
