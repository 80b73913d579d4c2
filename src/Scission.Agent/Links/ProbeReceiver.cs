using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Scission.Agent;

/// <summary>
/// The other end of a link probe, on <see cref="HttpListener"/> (no web server in the agent): it takes uploads and
/// discards them, sends downloads of the size asked for, and says what it is. Payloads are capped; with a key,
/// every request must carry it.
/// </summary>
internal sealed class ProbeReceiver : IDisposable
{
    /// <summary>Probes served at once; a probe uses one kept-alive connection, so a few is plenty.</summary>
    public const int MaxInFlight = 4;

    private static readonly byte[] Zeros = new byte[64 * 1024];
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);
    private readonly HttpListener _listener = new();
    private readonly byte[]? _apiKey;
    private readonly long _maxBytes;
    private readonly byte[] _identity;

    public ProbeReceiver(string host, int port, string? apiKey, long maxBytes)
    {
        _listener.Prefixes.Add($"http://{host}:{port}{ProbeIdentity.Root}");
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : Encoding.UTF8.GetBytes(apiKey);
        _maxBytes = maxBytes;
        _identity = JsonSerializer.SerializeToUtf8Bytes(new ProbeIdentity(ProbeIdentity.Receiver, AgentVersion.Text, maxBytes), AgentJson.Default.ProbeIdentity);
    }

    public void Start() => _listener.Start();

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task ServeAsync(CancellationToken cancellationToken)
    {
        using var stop = cancellationToken.Register(_listener.Stop);
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            if (!_inFlight.Wait(0, CancellationToken.None))
            {
                // Busy: answer at once rather than queue work that would flood the link.
                context.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
                context.Response.Close();
                continue;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await HandleAsync(context, cancellationToken);
                }
                finally
                {
                    _inFlight.Release();
                }
            }, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        ((IDisposable)_listener).Dispose();
        _inFlight.Dispose();
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var path = request.Url!.AbsolutePath;
            if (!Authorised(request))
            {
                response.StatusCode = (int)HttpStatusCode.Unauthorized;
            }
            else if (request.HttpMethod == "GET" && path == ProbeIdentity.Root)
            {
                response.ContentType = "application/json";
                await response.OutputStream.WriteAsync(_identity, cancellationToken);
            }
            else if (request.HttpMethod == "POST" && path == ProbeIdentity.Root + "upload")
            {
                response.StatusCode = await DrainAsync(request.InputStream, cancellationToken) ? (int)HttpStatusCode.NoContent : (int)HttpStatusCode.RequestEntityTooLarge;
            }
            else if (request.HttpMethod == "GET" && path == ProbeIdentity.Root + "download" && long.TryParse(request.QueryString["bytes"], out var bytes) && bytes >= 0 && bytes <= _maxBytes)
            {
                response.ContentType = "application/octet-stream";
                response.ContentLength64 = bytes;
                for (var left = bytes; left > 0; left -= Zeros.Length)
                {
                    await response.OutputStream.WriteAsync(Zeros.AsMemory(0, (int)Math.Min(left, Zeros.Length)), cancellationToken);
                }
            }
            else
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
            }
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or OperationCanceledException)
        {
            // The prober went away or the receiver is stopping: nothing to answer.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The connection is already gone.
            }
        }
    }

    private bool Authorised(HttpListenerRequest request) =>
        _apiKey is null || (request.Headers[AgentHttp.ApiKeyHeader] is { } key && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _apiKey));

    /// <summary>Reads and discards the body; false once it passes the cap.</summary>
    private async Task<bool> DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > _maxBytes)
            {
                return false;
            }
        }

        return true;
    }
}
