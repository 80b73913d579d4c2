using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

// Usage: Scission.DelayProxy LISTEN_HOST:PORT TARGET_HOST:PORT DELAY_MS
// Relays each connection to the target, holding every chunk for DELAY_MS in each direction: a delay line, so it
// adds latency without limiting throughput. Prints "ready" once it accepts connections; stops when stdin closes.
if (args.Length != 3 || !IPEndPoint.TryParse(args[0], out var listen) || !IPEndPoint.TryParse(args[1], out var target) || !double.TryParse(args[2], out var delayMs))
{
    Console.Error.WriteLine("usage: Scission.DelayProxy LISTEN_HOST:PORT TARGET_HOST:PORT DELAY_MS");
    return 2;
}

var delay = TimeSpan.FromMilliseconds(delayMs);
using var listener = new TcpListener(listen);
listener.Start();
Console.WriteLine("ready");
using var stop = new CancellationTokenSource();
_ = Task.Run(() =>
{
    Console.In.ReadToEnd();
    stop.Cancel();
});

try
{
    while (!stop.IsCancellationRequested)
    {
        var client = await listener.AcceptTcpClientAsync(stop.Token);
        _ = RelayAsync(client, target, delay, stop.Token);
    }
}
catch (OperationCanceledException)
{
}

return 0;

static async Task RelayAsync(TcpClient client, IPEndPoint target, TimeSpan delay, CancellationToken cancellationToken)
{
    using (client)
    using (var server = new TcpClient())
    {
        client.NoDelay = true;
        server.NoDelay = true;
        await server.ConnectAsync(target, cancellationToken);
        var up = PumpAsync(client.GetStream(), server.GetStream(), delay, cancellationToken);
        var down = PumpAsync(server.GetStream(), client.GetStream(), delay, cancellationToken);
        await Task.WhenAny(up, down);
    }
}

static async Task PumpAsync(NetworkStream from, NetworkStream to, TimeSpan delay, CancellationToken cancellationToken)
{
    var line = Channel.CreateUnbounded<(long Due, byte[] Data)>();
    var writer = Task.Run(async () =>
    {
        await foreach (var (due, data) in line.Reader.ReadAllAsync(cancellationToken))
        {
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
            }

            await to.WriteAsync(data, cancellationToken);
        }
    }, cancellationToken);
    try
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            line.Writer.TryWrite((Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency), buffer[..read]));
        }
    }
    catch (IOException)
    {
    }
    finally
    {
        line.Writer.TryComplete();
    }

    try
    {
        await writer;
        to.Socket.Shutdown(SocketShutdown.Send);
    }
    catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
    {
    }
}
