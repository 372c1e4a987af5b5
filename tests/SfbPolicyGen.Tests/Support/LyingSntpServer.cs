using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SfbPolicyGen.Tests.Support;

/// <summary>An SNTP server on 127.0.0.1 (RFC 4330 section 5, written here, not taken from the code under
/// test) whose clock is a given clock shifted by a set offset: it answers each request with mode 4,
/// stratum 2, the request's transmit timestamp as originate, and its shifted time as receive and transmit
/// timestamps. A tamper action may spoil the reply.</summary>
public sealed class LyingSntpServer : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();

    public LyingSntpServer(TimeProvider clock, TimeSpan offset, Action<byte[]>? tamper = null)
    {
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var request = await _udp.ReceiveAsync(_stop.Token);
                var reply = new byte[48];
                reply[0] = (0 << 6) | (4 << 3) | 4;
                reply[1] = 2;
                request.Buffer.AsSpan(40, 8).CopyTo(reply.AsSpan(24, 8));
                var now = Ntp(clock.GetUtcNow() + offset);
                BinaryPrimitives.WriteUInt64BigEndian(reply.AsSpan(32, 8), now);
                BinaryPrimitives.WriteUInt64BigEndian(reply.AsSpan(40, 8), now);
                tamper?.Invoke(reply);
                await _udp.SendAsync(reply, request.RemoteEndPoint, _stop.Token);
            }
        });
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_udp.Client.LocalEndPoint!).Port}";

    /// <summary>Seconds since 1900-01-01 UTC in the high 32 bits, the fraction in the low 32 (era 0 or 1 alike).</summary>
    public static ulong Ntp(DateTimeOffset time)
    {
        var ticks = (time - new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _stop.Dispose();
    }
}

/// <summary>A clock that stands still: T1 = T4, so the offset a check reports is exactly the server's lie.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
