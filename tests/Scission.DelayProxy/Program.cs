using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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
    using var line = new System.Collections.Concurrent.BlockingCollection<(long Due, byte[] Data)>();
    // A thread of its own per direction: it sleeps to within a millisecond of each chunk's due time and spins the
    // rest, since pool timers fire a millisecond late or more and the delay must hold to a fraction of that.
    var writer = new Thread(() =>
    {
        try
        {
            foreach (var (due, data) in line.GetConsumingEnumerable(cancellationToken))
            {
                var wait = (double)(due - Stopwatch.GetTimestamp()) / Stopwatch.Frequency;
                if (wait > 0.002)
                {
                    Thread.Sleep(TimeSpan.FromSeconds(wait - 0.001));
                }

                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.SpinWait(20);
                }

                to.Write(data);
            }

            to.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }) { IsBackground = true };
    writer.Start();
    try
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            line.Add((Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency), buffer[..read]), cancellationToken);
        }
    }
    catch (Exception exception) when (exception is IOException or OperationCanceledException)
    {
    }
    finally
    {
        line.CompleteAdding();
    }

    await Task.Run(writer.Join, CancellationToken.None);
}
