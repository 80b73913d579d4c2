namespace Scission.Domain.Catalog;

/// <summary>The rule for model and network names: safe in a URL path segment and a cache key.</summary>
public static class CatalogName
{
    /// <summary>What a valid name looks like, for error messages.</summary>
    public const string Rule = "1-100 characters: letters, digits, '-', '_' and '.', starting with a letter or digit";

    /// <summary>Whether <paramref name="name"/> is a valid model or network name.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= 100
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
