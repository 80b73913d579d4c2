using Xunit;

namespace Scission.Testing;

/// <summary>Outputs of a whole model against those of its chained segments.</summary>
public static class TensorAssert
{
    /// <summary>
    /// As many outputs, each non-empty and as long as the whole model's, every element within
    /// <paramref name="tolerance"/>: a short, empty or missing output fails instead of comparing nothing.
    /// </summary>
    public static void Close(IReadOnlyList<float[]> whole, IReadOnlyList<float[]> chained, float tolerance)
    {
        Assert.True(whole.Count > 0, "the whole model produced no output");
        Assert.True(whole.Count == chained.Count, $"the whole model has {whole.Count} output(s), the chained segments {chained.Count}");
        for (var o = 0; o < whole.Count; o++)
        {
            Assert.True(whole[o].Length > 0, $"output {o} of the whole model is empty");
            Assert.True(whole[o].Length == chained[o].Length, $"output {o}: {whole[o].Length} elements in the whole model, {chained[o].Length} chained");
            for (var i = 0; i < whole[o].Length; i++)
            {
                if (!(Math.Abs(whole[o][i] - chained[o][i]) <= tolerance))
                {
                    Assert.Fail($"output {o}, element {i}: {whole[o][i]} in the whole model, {chained[o][i]} chained (tolerance {tolerance})");
                }
            }
        }
    }
}
