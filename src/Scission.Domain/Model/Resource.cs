namespace Scission.Domain.Model;

/// <summary>A machine that can run blocks of a model.</summary>
/// <param name="Name">Unique name, compared ordinally (case-sensitive), e.g. <c>6700k(GPU)</c>.</param>
/// <param name="Tier">The tier the machine belongs to.</param>
public sealed record Resource(string Name, Tier Tier)
{
    /// <summary>What the machine draws, when known: device energy is reported and ranked only with it.</summary>
    public PowerFigures? Power { get; init; }
}
