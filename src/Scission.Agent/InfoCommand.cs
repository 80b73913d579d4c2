using System.CommandLine;
using Scission.Onnx;
using Spectre.Console;

namespace Scission.Agent;

/// <summary><c>info</c>: what this machine is and which execution providers this build of ONNX Runtime offers.</summary>
internal static class InfoCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("info", "print this machine (CPU, cores, memory, OS, architecture) and the execution providers available here");
        command.SetAction(_ =>
        {
            console.MarkupLineInterpolated($"cpu:           {MachineInfo.CpuModel()}");
            console.MarkupLineInterpolated($"cores:         {MachineInfo.Cores}");
            console.MarkupLineInterpolated($"memory:        {MachineInfo.MemoryBytes / 1048576.0:F0} MiB");
            console.MarkupLineInterpolated($"os:            {MachineInfo.OperatingSystem}");
            console.MarkupLineInterpolated($"architecture:  {MachineInfo.Architecture}");
            // Touches the native runtime only now, after everything that needs none has been printed.
            console.MarkupLineInterpolated($"onnxruntime:   {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}");
            console.MarkupLineInterpolated($"providers:     {string.Join(", ", ExecutionProviders.Available())}");
            return ExitCodes.Success;
        });
        return command;
    }
}
