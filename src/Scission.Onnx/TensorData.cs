using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Scission.Onnx;

/// <summary>
/// A named tensor of any numeric or bool element type, held as raw bytes outside ONNX Runtime so it outlives the
/// session that made it: chained segments hand these on by name, and outputs are compared element by element.
/// </summary>
public sealed record TensorData(string Name, TensorElementType ElementType, long[] Shape, byte[] Bytes)
{
    /// <summary>A new tensor that ONNX Runtime owns, holding a copy of the bytes.</summary>
    public OrtValue ToOrtValue()
    {
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, ElementType, Shape);
        Bytes.CopyTo(value.GetTensorMutableRawData());
        return value;
    }

    /// <summary>Copies a tensor out of ONNX Runtime; string tensors cannot be handed on.</summary>
    public static TensorData From(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        if (info.ElementDataType == TensorElementType.String)
        {
            throw new OnnxModelException($"tensor '{name}' holds strings; only numeric and bool tensors can cross a cut or be benchmarked");
        }

        return new TensorData(name, info.ElementDataType, info.Shape, value.GetTensorMutableRawData().ToArray());
    }

    /// <summary>Every element as a double, for comparisons across types.</summary>
    public double[] ToDoubles()
    {
        ReadOnlySpan<byte> raw = Bytes;
        return ElementType switch
        {
            TensorElementType.Float => Widen(MemoryMarshal.Cast<byte, float>(raw), v => v),
            TensorElementType.Double => MemoryMarshal.Cast<byte, double>(raw).ToArray(),
            TensorElementType.Float16 => Widen(MemoryMarshal.Cast<byte, Half>(raw), v => (double)v),
            TensorElementType.BFloat16 => Widen(MemoryMarshal.Cast<byte, ushort>(raw), v => BitConverter.Int32BitsToSingle(v << 16)),
            TensorElementType.Int64 => Widen(MemoryMarshal.Cast<byte, long>(raw), v => v),
            TensorElementType.UInt64 => Widen(MemoryMarshal.Cast<byte, ulong>(raw), v => v),
            TensorElementType.Int32 => Widen(MemoryMarshal.Cast<byte, int>(raw), v => v),
            TensorElementType.UInt32 => Widen(MemoryMarshal.Cast<byte, uint>(raw), v => v),
            TensorElementType.Int16 => Widen(MemoryMarshal.Cast<byte, short>(raw), v => v),
            TensorElementType.UInt16 => Widen(MemoryMarshal.Cast<byte, ushort>(raw), v => v),
            TensorElementType.Int8 => Widen(MemoryMarshal.Cast<byte, sbyte>(raw), v => v),
            TensorElementType.UInt8 or TensorElementType.Bool => Widen(raw, v => v),
            _ => throw new OnnxModelException($"tensor '{Name}' has element type {ElementType}, which cannot be compared"),
        };
    }

    /// <summary>Every element as a float (tests and single-output callers).</summary>
    public float[] ToFloats() => [.. ToDoubles().Select(v => (float)v)];

    private static double[] Widen<T>(ReadOnlySpan<T> values, Func<T, double> widen)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = widen(values[i]);
        }

        return result;
    }
}
