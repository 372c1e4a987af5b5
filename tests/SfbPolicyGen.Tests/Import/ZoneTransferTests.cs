using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Import;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Import;

/// <summary>Zone transfers from servers that answer wrongly: a tiny TCP server in the test, on
/// 127.0.0.1 at a port the system picks, answers the AXFR query with what each case says. Each run
/// ends with one run error (SFB082, exit 3) that says what the server did, and nothing is written.
/// The DNS messages are laid out here byte by byte (RFC 1035 section 4), not with the tool's code.</summary>
public sealed class ZoneTransferTests : IDisposable
{
    private readonly ImportTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> Answers => new()
    {
        { "junk", "{server} answered the transfer of contoso.example with something that is not a DNS message: " },
        { "close", "{server} closed the connection without answering the transfer of contoso.example" },
        { "half", "{server} closed the connection in the middle of a message of the transfer of contoso.example" },
        { "other-id", "{server} answered the transfer of contoso.example with a message that is not the answer to it" },
        { "refused", "{server} refused the transfer of contoso.example (REFUSED): the server must hold the zone and allow transfers (AXFR) to this address" },
        { "no-soa", "{server} answered the transfer of contoso.example with A www.contoso.example. first; a transfer starts with the zone's SOA" },
        { "loop", "{server} answered the transfer of contoso.example with something that is not a DNS message: a name's compression pointers go round in a loop" },
        { "endless", "the transfer of contoso.example from {server} goes beyond 10 MiB; import stopped reading it" },
        { "unfinished", "{server} closed the connection after 2 record(s) of contoso.example, before the SOA that ends a transfer" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void A_server_that_answers_garbage_is_named_and_nothing_is_written(string answer, string message)
    {
        using var server = new LoopbackDnsServer(query => Answer(answer, query));

        var run = CliProcess.Run(_folder.Path, "import", "--server", $"127.0.0.1:{server.Port}", "--domain", "contoso.example");

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.StartsWith("sfbpolicygen: error SFB082: " + message.Replace("{server}", $"127.0.0.1:{server.Port}", StringComparison.Ordinal), run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_server_that_is_not_there_is_named()
    {
        var port = LoopbackPort.Free(); // and nothing listens on it

        var run = CliProcess.Run(_folder.Path, "import", "--server", $"127.0.0.1:{port}", "--domain", "contoso.example");

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.StartsWith($"sfbpolicygen: error SFB082: cannot ask 127.0.0.1:{port} for a transfer of contoso.example: ", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_label_that_holds_a_dot_or_a_control_character_never_reads_as_a_name_import_maps()
    {
        // sip\.contoso as one label, then a label with ESC: written as \046 and \027 (RFC 1035 section 5.1).
        byte[] message = [0x12, 0x34, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, .. Name("sip.contoso", "example"), 0, 5, 0, 1, 0, 0, 0x0E, 0x10, 0, 6, 3, (byte)'a', 0x1B, (byte)'b', 0xC0, 0x0C];
        var parsed = DnsWireMessage.Parse(message);
        var record = Assert.Single(parsed.Answers);
        Assert.Equal(("sip\\046contoso.example.", "CNAME", 3600u, "a\\027b.sip\\046contoso.example."), (record.Owner, record.Type, record.Ttl, record.Fields[0]));
    }

    /// <summary>What the server sends back for each case, given the query it received: messages with
    /// the query's ID and question, QR and AA set, and these answers.</summary>
    private static IEnumerable<byte[]> Answer(string answer, byte[] query)
    {
        var id = query[..2];
        var question = query[12..];
        byte[] Message(byte[] identifier, ushort flags, params byte[][] records) =>
            [.. identifier, (byte)(flags >> 8), (byte)flags, 0, 1, 0, (byte)records.Length, 0, 0, 0, 0, .. question, .. records.SelectMany(r => r)];

        // The zone's SOA (owner and names: a pointer to the question's name at offset 12), and www A 192.0.2.1.
        byte[] soa = [0xC0, 0x0C, 0, 6, 0, 1, 0, 0, 0x0E, 0x10, 0, 24, 0xC0, 0x0C, 0xC0, 0x0C, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5];
        byte[] www = [3, (byte)'w', (byte)'w', (byte)'w', 0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 192, 0, 2, 1];
        switch (answer)
        {
            case "junk":
                yield return Framed(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\n\r\n"));
                break;
            case "half":
                yield return [0x01, 0x00, .. id, 0x84];
                break;
            case "other-id":
                yield return Framed(Message([(byte)(id[0] ^ 0xFF), id[1]], 0x8400, soa));
                break;
            case "refused":
                yield return Framed(Message(id, 0x8405));
                break;
            case "no-soa":
                yield return Framed(Message(id, 0x8400, www));
                break;
            case "loop":
                yield return Framed(Loop(Message(id, 0x8400, soa), question.Length));
                break;
            case "endless":
                yield return Framed(Message(id, 0x8400, soa));
                for (var i = 0; i < 200_000; i++)
                {
                    yield return Framed(Message(id, 0x8400, www, www, www, www, www, www, www, www));
                }

                break;
            case "unfinished":
                yield return Framed(Message(id, 0x8400, soa, www));
                break;
            default: // "close": no answer at all
                break;
        }
    }

    /// <summary>The first answer's owner made a pointer to itself.</summary>
    private static byte[] Loop(byte[] message, int questionLength)
    {
        var at = 12 + questionLength;
        message[at] = (byte)(0xC0 | (at >> 8));
        message[at + 1] = (byte)at;
        return message;
    }

    private static byte[] Name(params string[] labels) =>
        [.. labels.SelectMany(l => new[] { (byte)l.Length }.Concat(Encoding.ASCII.GetBytes(l))), 0];

    private static byte[] Framed(byte[] message)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }

    /// <summary>Accepts connections on 127.0.0.1 (a port the system picks), reads one length-prefixed
    /// query, sends what <c>answer</c> yields, then closes; stopped on Dispose.</summary>
    private sealed class LoopbackDnsServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public LoopbackDnsServer(Func<byte[], IEnumerable<byte[]>> answer)
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    try
                    {
                        var length = new byte[2];
                        await stream.ReadExactlyAsync(length, _stop.Token);
                        var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                        await stream.ReadExactlyAsync(query, _stop.Token);
                        foreach (var part in answer(query))
                        {
                            await stream.WriteAsync(part, _stop.Token);
                        }
                    }
                    catch (IOException)
                    {
                        // The client stopped reading (the transfer's size cap): what the case tests.
                    }
                }
            });
        }

        public int Port { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // Cancelled while waiting for a connection: the server is stopped.
            }

            _stop.Dispose();
        }
    }
}
