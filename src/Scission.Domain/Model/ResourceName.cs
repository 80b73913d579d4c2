namespace Scission.Domain.Model;

/// <summary>The rule for resource names: what the original tool's data uses (<c>raspi4</c>, <c>6700k(GPU)</c>, <c>2500</c>) and no more.</summary>
public static class ResourceName
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxLength = 100;

    /// <summary>What a valid name looks like, for error messages.</summary>
    public const string Rule = "1-100 characters: letters, digits and - _ . ( ) [ ] : @ + ~, starting with a letter, digit or _";

    /// <summary>Whether <paramref name="name"/> is a valid resource name.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !(char.IsAsciiLetterOrDigit(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "-_.()[]:@+~".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
