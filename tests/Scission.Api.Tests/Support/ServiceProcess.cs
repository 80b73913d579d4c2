using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Scission.Api.Tests.Support;

/// <summary>
/// The service as a real process on a free loopback port over a given store (a SQLite file, or whatever the
/// settings name), so a test can kill it the hard way (SIGKILL: no shutdown, no flush), start it again on the same
/// store, or run several replicas side by side.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<ServiceProcess> StartAsync(string? databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(DotNet, [Path.Combine(AppContext.BaseDirectory, "Scission.Api.dll"), "--urls", url.ToString()])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (databasePath is not null)
        {
            start.Environment["ConnectionStrings__Scission"] = $"Data Source={databasePath}";
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimiting__Enabled"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, url);
        using var http = new HttpClient { BaseAddress = url };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                service.Dispose();
                throw new InvalidOperationException($"the service did not become ready at {url}");
            }

            await Task.Delay(100);
        }
    }

    public HttpClient Client() => new() { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runs the service with settings it should refuse, and returns how it ended and what it printed.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RefusedAsync(string databasePath, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(DotNet, [Path.Combine(AppContext.BaseDirectory, "Scission.Api.dll"), "--urls", $"http://127.0.0.1:{FreePort()}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Scission"] = $"Data Source={databasePath}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("the service kept running with settings it should refuse");
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
