using System.Reflection;

namespace Scission.Agent;

internal static class AgentVersion
{
    /// <summary>The version <c>--version</c> prints.</summary>
    public static string Text { get; } =
        typeof(AgentVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
