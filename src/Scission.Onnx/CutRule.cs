using System.Globalization;

namespace Scission.Onnx;

/// <summary>
/// Which positions of a model become cuts: where at most <see cref="MaxTensors"/> activation tensors cross
/// (<c>single</c> is 1, the original Scission's rule; <c>all</c> has no limit). Every cut of <c>single</c> is
/// also a cut of a larger limit, so a larger limit only adds choices; what a many-tensor cut costs on the
/// wire is its bytes, which the search already weighs.
/// </summary>
public sealed record CutRule(int? MaxTensors)
{
    public const string SingleName = "single";
    public const string AllName = "all";

    /// <summary>What the text must look like, for error messages.</summary>
    public const string Rule = "single (one tensor crosses each cut), all (any number), or the most tensors a cut may carry, from 1 to 1000";

    public static CutRule OneTensor { get; } = new(1);

    public static CutRule All { get; } = new((int?)null);

    /// <summary>
    /// All cuts: most modern models (residual, dense, U-Net, transformer) have few or no single-tensor cuts, and
    /// grouping in the profiler keeps the benchmark of many small blocks bounded.
    /// </summary>
    public static CutRule Default => All;

    public bool Allows(int tensors) => tensors >= 1 && (MaxTensors is not { } most || tensors <= most);

    /// <summary>The rule, or <c>null</c> when the text breaks <see cref="Rule"/>; blank text gives the default.</summary>
    public static CutRule? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => Default,
        SingleName => OneTensor,
        AllName => All,
        var number when int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var most) && most is >= 1 and <= 1000 => new CutRule(most),
        _ => null,
    };

    public override string ToString() => MaxTensors switch
    {
        null => AllName,
        1 => SingleName,
        var most => most.Value.ToString(CultureInfo.InvariantCulture),
    };
}
