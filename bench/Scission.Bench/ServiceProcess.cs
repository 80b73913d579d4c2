using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Scission.Bench;

/// <summary>
/// The service as a child process (Release build) on a free loopback port with a throw-away SQLite file, or on the
/// PostgreSQL database it is given.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private ServiceProcess(Process process, string directory, string url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public string Url { get; }

    public static ServiceProcess Start(string? postgres = null)
    {
        var root = RepositoryRoot();
        var assembly = Directory.GetFiles(Path.Combine(root, "src", "Scission.Api", "bin", "Release"), "Scission.Api.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new FileNotFoundException("build the service first: dotnet build -c Release src/Scission.Api");
        var directory = Directory.CreateTempSubdirectory("scission-bench-").FullName;
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", url])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Scission"] = $"Data Source={Path.Combine(directory, "bench.db")}";
        if (postgres is not null)
        {
            start.Environment["ConnectionStrings__Postgres"] = postgres;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimiting__Enabled"] = "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, directory, url);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Scission.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Scission.sln not found above the bench");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
