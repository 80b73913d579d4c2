using System.Globalization;

namespace Scission.Onnx;

/// <summary>Values for symbolic input dimensions as users write them: <c>dim2:640,dim3:640</c> or <c>height:640</c>.</summary>
public static class InputDimensions
{
    /// <summary>Largest value accepted for one dimension.</summary>
    public const long MaxValue = 100_000;

    /// <summary>What the text must look like, for error messages.</summary>
    public const string Rule = "name:value pairs separated by commas, e.g. dim2:640,dim3:640, with values from 1 to 100000";

    /// <summary>The values by name, or <c>null</c> when the text breaks <see cref="Rule"/>; blank text gives none.</summary>
    public static Dictionary<string, long>? Parse(string? text)
    {
        var dimensions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(':', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > MaxValue)
            {
                return null;
            }

            dimensions[parts[0]] = value;
        }

        return dimensions;
    }
}
