using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Scission.Testing;

/// <summary>
/// Redis for tests. <see cref="SharedAddress"/> is a server CI started (SCISSION_REDIS); <see cref="Start"/>
/// runs a private one from SCISSION_REDIS_SERVER that a test may stop and restart.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string AddressVariable = "SCISSION_REDIS";
    public const string ServerVariable = "SCISSION_REDIS_SERVER";

    private readonly string _directory = Directory.CreateTempSubdirectory("scission-redis-").FullName;
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public static string? SharedAddress => Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } address ? address : null;

    public static string? ServerBinary => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } path && File.Exists(path) ? path : null;

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        var server = new RedisServer(FreePort());
        server.Resume();
        return server;
    }

    /// <summary>A loopback port nothing listens on, for "Redis unreachable" tests.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts (again) on the same port and waits until it accepts connections.</summary>
    public void Resume()
    {
        var arguments = $"--port {Port} --bind 127.0.0.1 --dir {_directory} --save \"\" --appendonly no";
        _process = Process.Start(new ProcessStartInfo(ServerBinary!, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not start on port {Port}");
    }

    /// <summary>Kills the server, as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>A fact that needs the Redis server CI started; reported as skipped where it is not given.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.SharedAddress is null)
        {
            Skip = $"{RedisServer.AddressVariable} is not set to a running Redis";
        }
    }
}

/// <summary>A fact that starts and kills its own redis-server; reported as skipped where none is given.</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (RedisServer.ServerBinary is null)
        {
            Skip = $"{RedisServer.ServerVariable} is not set to a redis-server binary";
        }
    }
}
