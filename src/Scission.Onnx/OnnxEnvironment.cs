using Microsoft.ML.OnnxRuntime;

namespace Scission.Onnx;

/// <summary>
/// The process's ONNX Runtime environment, created once with global intra-op threads. Sessions that share them
/// find the threads already running and warm, where a session of its own starts a pool that competes with the
/// pools of other sessions for the cores; benchmarks of many small segments measure far more steadily this way.
/// </summary>
public static class OnnxEnvironment
{
    private static readonly Lazy<bool> Global = new(Create);

    /// <summary>Whether sessions can use the global threads (the environment was created here, not before).</summary>
    public static bool HasGlobalThreads => Global.Value;

    /// <summary>Makes <paramref name="options"/> use the global threads when there are any.</summary>
    public static void UseGlobalThreads(SessionOptions options)
    {
        if (HasGlobalThreads)
        {
            options.DisablePerSessionThreads();
        }
    }

    private static bool Create()
    {
        if (OrtEnv.IsCreated)
        {
            return false;
        }

        using var threading = new OrtThreadingOptions { GlobalIntraOpNumThreads = 0, GlobalInterOpNumThreads = 1, GlobalSpinControl = true };
        var environment = new EnvironmentCreationOptions { logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, threadOptions = threading };
        OrtEnv.CreateInstanceWithOptions(ref environment);
        return true;
    }
}
