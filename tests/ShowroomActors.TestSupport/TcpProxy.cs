using System.Net;
using System.Net.Sockets;

namespace ShowroomActors.TestSupport;

/// <summary>
/// A TCP forwarder on 127.0.0.1 that a test can cut, to simulate a database outage for one application
/// without stopping the shared server: <see cref="Cut"/> drops every open connection and refuses new ones
/// until <see cref="Restore"/>.
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost == "localhost" ? "127.0.0.1" : targetHost), targetPort);
        Port = FreePort();
        Restore();
    }

    public int Port { get; }

    /// <summary>Drops all connections and refuses new ones (connection refused, as a stopped server).</summary>
    public void Cut()
    {
        lock (_open)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Accepts and forwards connections again.</summary>
    public void Restore()
    {
        lock (_open)
        {
            if (_listener is not null) return;
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptLoopAsync(_listener);
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target, _stop.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        Cut();
        _stop.Dispose();
    }
}
