namespace Scission.Api.Auth;

/// <summary>
/// API keys (section <c>Auth</c>): <c>Auth:ApiKey</c> for one key, <c>Auth:ApiKeys:{name}</c> for several, each with
/// a name. With any key set, requests that change state need one in <c>X-Api-Key</c>; with none the service is open.
/// </summary>
internal sealed class AuthOptions
{
    public const string Header = "X-Api-Key";

    /// <summary>One key, named <c>default</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Several keys by name (the name is what logs and rate limits may show, never the key).</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = [];

    /// <summary>Also require a key to read (health and the API document stay open).</summary>
    public bool ProtectReads { get; set; }

    /// <summary>Refuse to start without a key (the container image sets it) unless <see cref="AllowAnonymous"/>.</summary>
    public bool RequireKey { get; set; }

    /// <summary>Run open on purpose, even where <see cref="RequireKey"/> is set.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Every configured key with its name; empty keys do not count.</summary>
    public IEnumerable<(string Name, string Key)> Keys() =>
        ApiKeys.Where(k => !string.IsNullOrEmpty(k.Value)).Select(k => (k.Key, k.Value))
            .Concat(string.IsNullOrEmpty(ApiKey) ? [] : [("default", ApiKey)]);
}
