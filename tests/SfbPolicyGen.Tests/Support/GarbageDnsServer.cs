using System.Net;
using System.Net.Sockets;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A "DNS server" on 127.0.0.1, at a port the test picked, that answers every question over
/// UDP or over TCP (not both: what the client reports comes from the transport asked) with what a DNS
/// client cannot use. Stopped on Dispose; nothing listens beyond loopback.</summary>
public sealed class GarbageDnsServer : IDisposable
{
    /// <summary>What follows the ID in <see cref="NotDns"/>: too short for a header, no DNS message at all.</summary>
    private static readonly byte[] Garbage = "<html>not DNS</html>"u8.ToArray();

    private readonly Func<byte[], byte[]> _answer;
    private readonly bool _framed;
    private readonly TcpListener _tcp;
    private readonly UdpClient _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;

    private GarbageDnsServer(bool tcp, Func<byte[], byte[]> answer, bool framed = true)
    {
        _answer = answer;
        _framed = framed;
        (_tcp, _udp) = LoopbackPort.Bind();
        Port = ((IPEndPoint)_tcp.LocalEndpoint).Port;
        if (tcp)
        {
            _loops = [Task.Run(AnswerTcpAsync)];
        }
        else
        {
            _tcp.Stop(); // a client that tries TCP finds no one there
            _loops = [Task.Run(AnswerUdpAsync)];
        }
    }

    /// <summary>Answers the question's ID (so the client reads on), then text.</summary>
    public static GarbageDnsServer NotDns(bool tcp) => new(tcp, question => [.. question.AsSpan(0, Math.Min(2, question.Length)), .. Garbage]);

    /// <summary>Answers the question itself as a response (QR bit set, RFC 1035 section 4.1.1) under
    /// another message ID: a DNS message, but to no question the client asked.</summary>
    public static GarbageDnsServer OtherId(bool tcp) => new(tcp, question =>
    {
        var answer = (byte[])question.Clone();
        answer[1] ^= 0xFF;
        answer[2] |= 0x80;
        return answer;
    });

    /// <summary>Answers over TCP what an HTTP server says to bytes it cannot read, unframed, then closes
    /// the connection: "HT" reads as a length of 18516 bytes that never come.</summary>
    public static GarbageDnsServer Http() => new(tcp: true, _ => "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), framed: false);

    public int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _tcp.Stop();
        _udp.Dispose();
        try
        {
            Task.WaitAll(_loops, TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loops end by cancellation or by their socket closing: both are how they stop.
        }

        _stop.Dispose();
    }

    private async Task AnswerUdpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var received = await _udp.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            await _udp.SendAsync(_answer(received.Buffer), received.RemoteEndPoint, _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>TCP DNS messages carry a two-byte length first (RFC 1035 section 4.2.2); so does the answer.</summary>
    private async Task AnswerTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _tcp.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            var buffer = new byte[514];
            var read = await stream.ReadAtLeastAsync(buffer, 4, throwOnEndOfStream: false, _stop.Token).ConfigureAwait(false);
            var answer = _answer(buffer[2..Math.Max(2, read)]);
            if (_framed)
            {
                await stream.WriteAsync(new byte[] { (byte)(answer.Length >> 8), (byte)answer.Length }, _stop.Token).ConfigureAwait(false);
            }

            await stream.WriteAsync(answer, _stop.Token).ConfigureAwait(false);
        }
    }
}
