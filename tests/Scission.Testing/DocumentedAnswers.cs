using System.Globalization;

namespace Scission.Testing;

/// <summary>Answers the original tool documents for its own data, in its output format.</summary>
public static class DocumentedAnswers
{
    /// <summary><c>vgg19</c>, device <c>!-1</c>, edge <c>10</c>, cloud <c>16</c>, network_stats.csv, top 5.</summary>
    public static readonly string[] Vgg19 =
    [
        "[1] 9.0106s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
        "[2] 9.0594s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
        "[3] 9.0721s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
        "[4] 9.1209s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
        "[5] 9.1511s - 3.2115MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 12, Cloud(6700k(GPU)) = 13 - 25",
    ];

    /// <summary>One result line as the original prints it: latency to 4 places, MB = bytes over all hops / 10^6.</summary>
    public static string Line(int rank, double latencySeconds, long transferBytes, string configuration) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{rank}] {Math.Round(latencySeconds, 4)}s - {Math.Round(transferBytes / 1e6, 4)}MB - {configuration}");
}
