using System.Runtime.InteropServices;

namespace Scission.Onnx;

/// <summary>What the measuring machine is, as far as the process can tell without the inference runtime.</summary>
public static class MachineInfo
{
    public static string CpuModel()
    {
        try
        {
            // x86 names the model; ARM kernels often give only "Model" (the board) or nothing.
            var lines = File.ReadLines("/proc/cpuinfo").ToList();
            return (lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                    ?? lines.FirstOrDefault(l => l.StartsWith("Model", StringComparison.Ordinal)))?.Split(':', 2)[1].Trim()
                ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    public static int Cores => Environment.ProcessorCount;

    /// <summary>Memory the runtime may use (the machine's, or a container's limit).</summary>
    public static long MemoryBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    public static string OperatingSystem => RuntimeInformation.OSDescription;

    public static string Architecture => RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
}
