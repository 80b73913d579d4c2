using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Scission.Onnx;

/// <summary>
/// The same pseudo-random input for a tensor everywhere (analysis, the agent, server-side runs), so analyses and
/// benchmarks repeat exactly. Masks (by name, of any type) are ones; other floats are uniform in [0, 1); other
/// integers are what a language model expects by name: token type and segment ids of zeros, position ids counting
/// along the last axis, anything else token ids below the vocabulary size; bools are true.
/// </summary>
public static class DeterministicInput
{
    /// <summary>Token ids are drawn below this unless the upload says otherwise: every common vocabulary is larger.</summary>
    public const long DefaultVocabulary = 1000;

    /// <summary>Largest input accepted, in elements.</summary>
    public const long MaxElements = 256L * 1024 * 1024;

    /// <summary>Largest input accepted, in bytes: one array holds it.</summary>
    public const long MaxBytes = 1L << 30;

    private const int Seed = 20_200_803;

    /// <summary>The inputs of a model as the analysis described them.</summary>
    public static IReadOnlyList<TensorData> For(OnnxAnalysis analysis) =>
        [.. analysis.Inputs.Select((input, i) => For(input.Name, TensorTypes.Type(input.ElementType), input.Shape, analysis.Vocabulary, Seed + i))];

    public static TensorData For(string name, TensorElementType type, long[] shape, long vocabulary, int seed = Seed)
    {
        var count = Elements(shape);
        if (count is <= 0 or > MaxElements || count * TensorTypes.Describe(type).Size > MaxBytes)
        {
            throw new OnnxModelException($"input '{name}' of shape [{string.Join(", ", shape)}] is empty or too large to benchmark (at most {MaxElements} elements and {MaxBytes} bytes)", "dims");
        }

        var random = new Random(seed);
        var lowered = name.ToLowerInvariant();
        var last = shape.Length == 0 ? 1 : shape[^1];
        Func<long, double> value = type switch
        {
            TensorElementType.Bool => _ => 1,
            _ when lowered.Contains("mask", StringComparison.Ordinal) => _ => 1,
            _ when IsFloat(type) => _ => random.NextSingle(),
            _ when lowered.Contains("type", StringComparison.Ordinal) || lowered.Contains("segment", StringComparison.Ordinal) => _ => 0,
            _ when lowered.Contains("position", StringComparison.Ordinal) => i => i % last,
            _ => _ => random.NextInt64(Math.Min(vocabulary, MaxValue(type))),
        };

        var bytes = new byte[count * TensorTypes.Describe(type).Size];
        for (var i = 0L; i < count; i++)
        {
            Write(bytes.AsSpan(), type, i, value(i));
        }

        return new TensorData(name, type, shape, bytes);
    }

    /// <summary>The product of the dimensions, or -1 when it does not fit in a long (so it is refused as too large).</summary>
    private static long Elements(long[] shape)
    {
        var count = 1L;
        foreach (var dim in shape)
        {
            if (dim < 0 || (dim > 0 && count > long.MaxValue / dim))
            {
                return -1;
            }

            count *= dim;
        }

        return count;
    }

    private static bool IsFloat(TensorElementType type) =>
        type is TensorElementType.Float or TensorElementType.Double or TensorElementType.Float16 or TensorElementType.BFloat16;

    private static long MaxValue(TensorElementType type) => type switch
    {
        TensorElementType.Int8 => sbyte.MaxValue + 1,
        TensorElementType.UInt8 => byte.MaxValue + 1,
        TensorElementType.Int16 => short.MaxValue + 1,
        TensorElementType.UInt16 => ushort.MaxValue + 1,
        _ => long.MaxValue,
    };

    private static void Write(Span<byte> bytes, TensorElementType type, long index, double value)
    {
        var i = (int)index;
        switch (type)
        {
            case TensorElementType.Float: MemoryMarshal.Cast<byte, float>(bytes)[i] = (float)value; break;
            case TensorElementType.Double: MemoryMarshal.Cast<byte, double>(bytes)[i] = value; break;
            case TensorElementType.Float16: MemoryMarshal.Cast<byte, Half>(bytes)[i] = (Half)value; break;
            case TensorElementType.BFloat16: MemoryMarshal.Cast<byte, ushort>(bytes)[i] = (ushort)(BitConverter.SingleToInt32Bits((float)value) >> 16); break;
            case TensorElementType.Int64: MemoryMarshal.Cast<byte, long>(bytes)[i] = (long)value; break;
            case TensorElementType.UInt64: MemoryMarshal.Cast<byte, ulong>(bytes)[i] = (ulong)value; break;
            case TensorElementType.Int32: MemoryMarshal.Cast<byte, int>(bytes)[i] = (int)value; break;
            case TensorElementType.UInt32: MemoryMarshal.Cast<byte, uint>(bytes)[i] = (uint)value; break;
            case TensorElementType.Int16: MemoryMarshal.Cast<byte, short>(bytes)[i] = (short)value; break;
            case TensorElementType.UInt16: MemoryMarshal.Cast<byte, ushort>(bytes)[i] = (ushort)value; break;
            case TensorElementType.Int8: MemoryMarshal.Cast<byte, sbyte>(bytes)[i] = (sbyte)value; break;
            case TensorElementType.UInt8 or TensorElementType.Bool: bytes[i] = (byte)value; break;
            default: throw new OnnxModelException($"inputs of element type {type} cannot be generated; only numeric and bool inputs can be benchmarked");
        }
    }
}
