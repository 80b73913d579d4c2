using Microsoft.ML.OnnxRuntime;

namespace Scission.Onnx;

/// <summary>
/// The execution providers ONNX Runtime's .NET API can append, by the short names the agent takes. Which ones work
/// depends on the native package: <c>Microsoft.ML.OnnxRuntime</c> has the CPU provider only (CUDA, TensorRT,
/// DirectML and OpenVINO throw <see cref="EntryPointNotFoundException"/>, XNNPACK and QNN
/// <see cref="OnnxRuntimeException"/>, CoreML <see cref="NotSupportedException"/> on Linux);
/// <c>Microsoft.ML.OnnxRuntime.Gpu.Linux</c> adds CUDA and TensorRT. A provider that cannot be appended is a
/// <see cref="ProviderUnavailableException"/>, never a silent run on the CPU.
/// </summary>
public static class ExecutionProviders
{
    public const string Cpu = "cpu";

    private static readonly Dictionary<string, (string OrtName, Action<SessionOptions> Append)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [Cpu] = ("CPUExecutionProvider", _ => { }),
        ["cuda"] = ("CUDAExecutionProvider", o => o.AppendExecutionProvider_CUDA(0)),
        ["tensorrt"] = ("TensorrtExecutionProvider", o => o.AppendExecutionProvider_Tensorrt(0)),
        ["rocm"] = ("ROCMExecutionProvider", o => o.AppendExecutionProvider_ROCm(0)),
        ["migraphx"] = ("MIGraphXExecutionProvider", o => o.AppendExecutionProvider_MIGraphX(0)),
        ["directml"] = ("DmlExecutionProvider", o => o.AppendExecutionProvider_DML(0)),
        ["openvino"] = ("OpenVINOExecutionProvider", o => o.AppendExecutionProvider_OpenVINO()),
        ["coreml"] = ("CoreMLExecutionProvider", o => o.AppendExecutionProvider_CoreML()),
        ["dnnl"] = ("DnnlExecutionProvider", o => o.AppendExecutionProvider_Dnnl()),
        ["nnapi"] = ("NnapiExecutionProvider", o => o.AppendExecutionProvider_Nnapi()),
        ["xnnpack"] = ("XnnpackExecutionProvider", o => o.AppendExecutionProvider("XNNPACK")),
        ["qnn"] = ("QNNExecutionProvider", o => o.AppendExecutionProvider("QNN")),
    };

    /// <summary>Every short name <c>--provider</c> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Known.Keys;

    public static bool IsKnown(string provider) => Known.ContainsKey(provider);

    /// <summary>The runtime's own name for a provider, as its profiler reports it, e.g. <c>CUDAExecutionProvider</c>.</summary>
    public static string OrtName(string provider) => Known[provider].OrtName;

    /// <summary>Appends <paramref name="provider"/> to <paramref name="options"/> (the CPU provider is always there last).</summary>
    public static void Append(SessionOptions options, string provider)
    {
        try
        {
            Known[provider].Append(options);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or OnnxRuntimeException or NotSupportedException or DllNotFoundException)
        {
            throw new ProviderUnavailableException(provider, exception.Message);
        }
    }

    /// <summary>The providers this build of the runtime reports as compiled in.</summary>
    public static IReadOnlyList<string> Available() => OrtEnv.Instance().GetAvailableProviders();
}

/// <summary>The execution provider asked for cannot run here (not in this build of ONNX Runtime, or no device).</summary>
public sealed class ProviderUnavailableException(string provider, string reason)
    : Exception($"execution provider '{provider}' is not available here: {reason}")
{
    public string Provider { get; } = provider;
}
