namespace Scission.Api;

/// <summary>Configuration the service starts with unless told otherwise.</summary>
internal static class ServiceDefaults
{
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        // ASP.NET Core writes six lines per request at Information: most of a busy service's work, and its disk.
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };
}
