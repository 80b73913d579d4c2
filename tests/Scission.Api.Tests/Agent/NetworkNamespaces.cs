using System.Diagnostics;

namespace Scission.Api.Tests.Agent;

/// <summary>
/// Two network namespaces joined by a veth pair, made for one test and removed by the names it chose. Needs root
/// and iproute2; <see cref="MissingReason"/> says why they cannot be made here.
/// </summary>
internal sealed class NetworkNamespaces : IDisposable
{
    public const string AddressA = "192.0.2.1";
    public const string AddressB = "192.0.2.2";

    private static readonly Lazy<string?> Missing = new(Probe);

    private NetworkNamespaces(string a, string b, string vethA)
    {
        A = a;
        B = b;
        VethA = vethA;
    }

    public static string? MissingReason => Missing.Value;

    public string A { get; }

    public string B { get; }

    /// <summary>The veth end inside <see cref="A"/>, whose egress is shaped.</summary>
    public string VethA { get; }

    public static NetworkNamespaces Create()
    {
        var tag = $"{Environment.ProcessId % 100_000}{Random.Shared.Next(100, 999)}";
        var made = new NetworkNamespaces($"scission-a-{tag}", $"scission-b-{tag}", $"sca{tag}");
        try
        {
            Ip($"netns add {made.A}");
            Ip($"netns add {made.B}");
            Ip($"link add {made.VethA} type veth peer name scb{tag}");
            Ip($"link set {made.VethA} netns {made.A}");
            Ip($"link set scb{tag} netns {made.B}");
            Ip($"-n {made.A} addr add {AddressA}/24 dev {made.VethA}");
            Ip($"-n {made.B} addr add {AddressB}/24 dev scb{tag}");
            foreach (var (ns, dev) in new[] { (made.A, made.VethA), (made.B, $"scb{tag}"), (made.A, "lo"), (made.B, "lo") })
            {
                Ip($"-n {ns} link set {dev} up");
            }

            return made;
        }
        catch
        {
            made.Dispose();
            throw;
        }
    }

    /// <summary>Shapes <see cref="A"/>'s egress with a token bucket (tbf; this kernel has no netem).</summary>
    public void Shape(string rate, string burst) => Run("tc", $"-n {A} qdisc replace dev {VethA} root tbf rate {rate} burst {burst} latency 400ms");

    /// <summary>Starts <c>dotnet</c> with <paramref name="arguments"/> inside namespace <paramref name="ns"/>.</summary>
    public static Process StartIn(string ns, string arguments)
    {
        var start = new ProcessStartInfo("ip", $"netns exec {ns} {DotNet} {arguments}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("could not start ip netns exec");
    }

    public void Dispose()
    {
        foreach (var ns in new[] { A, B })
        {
            // Deleting a namespace removes its end of the veth pair, and so the pair.
            Run("ip", $"netns del {ns}", check: false);
        }
    }

    /// <summary>The dotnet host running these tests, so the namespaces run the same runtime.</summary>
    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static void Ip(string arguments) => Run("ip", arguments);

    private static void Run(string file, string arguments, bool check = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: exit {process.ExitCode}: {error}");
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "network namespaces need root on Linux";
        }

        try
        {
            var name = $"scission-check-{Environment.ProcessId}";
            Run("ip", $"netns add {name}");
            Run("ip", $"netns del {name}");
            Run("tc", "-V");
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"network namespaces cannot be made here: {exception.Message}";
        }
    }
}

/// <summary>A test that needs network namespaces; reported as skipped, with the reason, where they cannot be made.</summary>
public sealed class NetworkNamespaceFactAttribute : FactAttribute
{
    public NetworkNamespaceFactAttribute()
    {
        if (NetworkNamespaces.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
