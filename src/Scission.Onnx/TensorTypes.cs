using Microsoft.ML.OnnxRuntime.Tensors;

namespace Scission.Onnx;

/// <summary>Names and sizes of ONNX element types.</summary>
public static class TensorTypes
{
    public static (string Name, int Size) Describe(TensorElementType type) => type switch
    {
        TensorElementType.Float => ("float32", 4),
        TensorElementType.Double => ("float64", 8),
        TensorElementType.Float16 => ("float16", 2),
        TensorElementType.BFloat16 => ("bfloat16", 2),
        TensorElementType.Int64 => ("int64", 8),
        TensorElementType.UInt64 => ("uint64", 8),
        TensorElementType.Int32 => ("int32", 4),
        TensorElementType.UInt32 => ("uint32", 4),
        TensorElementType.Int16 => ("int16", 2),
        TensorElementType.UInt16 => ("uint16", 2),
        TensorElementType.Int8 => ("int8", 1),
        TensorElementType.UInt8 => ("uint8", 1),
        TensorElementType.Bool => ("bool", 1),
        _ => (type.ToString().ToLowerInvariant(), 0),
    };

    /// <summary>The ONNX data type code for a name <see cref="Describe"/> gives (ONNX Runtime uses ONNX's codes).</summary>
    public static int Code(string name) => (int)Type(name);

    /// <summary>The element type a name <see cref="Describe"/> gives stands for.</summary>
    public static TensorElementType Type(string name) =>
        Enum.GetValues<TensorElementType>().First(type => Describe(type).Name == name);
}
