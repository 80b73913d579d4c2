using Microsoft.Extensions.Options;

namespace Scission.Api;

/// <summary>Why the service refused to start because of its settings, or <c>null</c> for any other failure.</summary>
internal static class StartupRefusal
{
    /// <summary>
    /// Whether the service is its process's entry point. A host that runs the entry point itself (the integration
    /// tests' factory) must get the exception, not an exit code.
    /// </summary>
    public static bool OwnProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupRefusal).Assembly;

    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join("; ", invalid.Failures),
        // What configuration binding throws for a value of the wrong type, e.g. Limits__MaxTop=abc.
        InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
            => exception.InnerException is { } inner ? $"{message} ({inner.Message})" : message,
        _ => null,
    };
}
