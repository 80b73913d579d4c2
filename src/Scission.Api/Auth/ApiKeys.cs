using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Scission.Api.Auth;

/// <summary>
/// Checks <c>X-Api-Key</c> against the configured keys. Keys are compared as SHA-256 digests with a fixed-time
/// comparison, so neither a key's length nor its first differing byte shows in the time an answer takes.
/// </summary>
internal sealed class ApiKeys
{
    private readonly (string Name, byte[] Digest)[] _keys;

    public ApiKeys(IOptions<AuthOptions> options)
    {
        Options = options.Value;
        _keys = [.. Options.Keys().Select(k => (k.Name, SHA256.HashData(Encoding.UTF8.GetBytes(k.Key))))];
    }

    public AuthOptions Options { get; }

    /// <summary>Whether any key is configured; without one the service is open.</summary>
    public bool Enabled => _keys.Length > 0;

    /// <summary>The name of the key sent, or <c>null</c> when none matches.</summary>
    public string? Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? name = null;
        foreach (var (keyName, keyDigest) in _keys)
        {
            // Every key is compared, so the time does not say which one matched.
            if (CryptographicOperations.FixedTimeEquals(digest, keyDigest))
            {
                name ??= keyName;
            }
        }

        return name;
    }
}
