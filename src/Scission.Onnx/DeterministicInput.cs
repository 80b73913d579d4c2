namespace Scission.Onnx;

/// <summary>The same pseudo-random input for a shape everywhere, so analyses and benchmarks repeat exactly.</summary>
internal static class DeterministicInput
{
    public static float[] Floats(long[] shape, int seed = 20_200_803)
    {
        var count = shape.Aggregate(1L, (product, dim) => product * dim);
        if (count is <= 0 or > 256L * 1024 * 1024)
        {
            throw new OnnxModelException($"an input of shape [{string.Join(", ", shape)}] is empty or too large to benchmark", "dims");
        }

        var random = new Random(seed);
        var data = new float[count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        return data;
    }
}
