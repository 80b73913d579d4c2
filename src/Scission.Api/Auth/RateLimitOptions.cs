namespace Scission.Api.Auth;

/// <summary>Requests per client (section <c>RateLimiting</c>): a token bucket per API key, else per client address.</summary>
internal sealed class RateLimitOptions
{
    /// <summary>Off for benchmarks and tests that measure the service itself.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests a client may make per second, sustained.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests a client may make at once after being idle.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000_000)]
    public int Burst { get; set; } = 400;
}
