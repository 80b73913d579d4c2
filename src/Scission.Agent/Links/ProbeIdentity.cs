namespace Scission.Agent;

/// <summary>What a receiver answers at its root, so a probe measures only a receiver and never some other server.</summary>
/// <param name="Service">Always <see cref="Receiver"/>.</param>
/// <param name="Version">The agent's version.</param>
/// <param name="MaxBytes">The largest payload it accepts or sends.</param>
internal sealed record ProbeIdentity(string Service, string Version, long MaxBytes)
{
    public const string Receiver = "scission-agent-receiver";

    public const string Root = "/scission-probe/";
}
