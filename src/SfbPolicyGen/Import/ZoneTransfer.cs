using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace SfbPolicyGen.Import;

/// <summary>A zone transfer that did not give a zone: the server could not be reached, refused, or
/// answered something that is not a transfer. The message says which, for one run error (SFB082).</summary>
public sealed class ZoneTransferException(string message) : Exception(message);

/// <summary>A full zone transfer (AXFR, RFC 5936) over TCP: one query, then DNS messages each preceded
/// by its 16-bit length (RFC 1035 section 4.2.2) until the zone's SOA comes a second time. The answer
/// is read as untrusted input: its ID, QR bit and response code are checked, every message is parsed
/// by <see cref="DnsWireMessage"/>, the whole transfer is capped at <see cref="MaxTransferBytes"/> and
/// the caller's timeout; any failure ends the transfer with a <see cref="ZoneTransferException"/>.</summary>
public static class ZoneTransfer
{
    /// <summary>The zones import reads hold a few records; a transfer beyond this is stopped.</summary>
    public const int MaxTransferBytes = 10 * 1024 * 1024;

    private const ushort Axfr = 252;

    /// <param name="shown">The server as the user gave it (for messages and origins).</param>
    /// <param name="zone">The zone's domain, normalised (IDNA A-labels).</param>
    public static async Task<ZoneFound> TransferAsync(IPEndPoint server, string shown, string zone, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient(server.AddressFamily);
            await client.ConnectAsync(server, deadline.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
            var query = DnsWireMessage.Query(id, zone, Axfr);
            var framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            await stream.WriteAsync(framed, deadline.Token).ConfigureAwait(false);
            return await ReadTransferAsync(stream, id, shown, zone, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZoneTransferException($"{shown} did not complete the transfer of {zone} within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (SocketException ex)
        {
            throw new ZoneTransferException($"cannot ask {shown} for a transfer of {zone}: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new ZoneTransferException($"the connection to {shown} broke during the transfer of {zone}: {ex.Message}");
        }
    }

    private static async Task<ZoneFound> ReadTransferAsync(NetworkStream stream, ushort id, string shown, string zone, CancellationToken cancellationToken)
    {
        var apex = zone + ".";
        var records = ImmutableArray.CreateBuilder<FoundRecord>();
        var (received, number) = (0, 0);
        var length = new byte[2];
        while (true)
        {
            if (await stream.ReadAtLeastAsync(length, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < 2)
            {
                throw new ZoneTransferException(number == 0
                    ? $"{shown} closed the connection without answering the transfer of {zone}"
                    : $"{shown} closed the connection after {number} record(s) of {zone}, before the SOA that ends a transfer");
            }

            var size = BinaryPrimitives.ReadUInt16BigEndian(length);
            if ((received += size + 2) > MaxTransferBytes)
            {
                throw new ZoneTransferException($"the transfer of {zone} from {shown} goes beyond {MaxTransferBytes / (1024 * 1024)} MiB; import stopped reading it");
            }

            var bytes = new byte[size];
            if (await stream.ReadAtLeastAsync(bytes, size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < size)
            {
                throw new ZoneTransferException($"{shown} closed the connection in the middle of a message of the transfer of {zone}");
            }

            DnsWireMessage message;
            try
            {
                message = DnsWireMessage.Parse(bytes);
            }
            catch (FormatException ex)
            {
                throw new ZoneTransferException($"{shown} answered the transfer of {zone} with something that is not a DNS message: {ex.Message}");
            }

            Check(message, id, shown, zone);
            foreach (var answer in message.Answers)
            {
                number++;
                var isSoa = answer.Type == "SOA" && answer.Owner == apex;
                if (number == 1 && !isSoa)
                {
                    throw new ZoneTransferException($"{shown} answered the transfer of {zone} with {answer.Type} {answer.Owner} first; a transfer starts with the zone's SOA");
                }

                if (number > 1 && isSoa)
                {
                    return new ZoneFound(zone, records[0].At, records.ToImmutable(), $"{shown} AXFR {zone}");
                }

                if (answer.Ttl > int.MaxValue)
                {
                    throw new ZoneTransferException($"{shown} sent {answer.Owner} {answer.Type} with the TTL {answer.Ttl}, beyond 2^31 - 1 (RFC 2181 section 8)");
                }

                records.Add(new FoundRecord(answer.Owner, answer.Class, answer.Type, (int)answer.Ttl, answer.Fields, Origin.InTransfer(shown, zone, number)));
            }
        }
    }

    private static void Check(DnsWireMessage message, ushort id, string shown, string zone)
    {
        if (message.Id != id || !message.IsResponse || message.Opcode != 0)
        {
            throw new ZoneTransferException($"{shown} answered the transfer of {zone} with a message that is not the answer to it (ID {message.Id}, not {id}; or not a response)");
        }

        if (message.ResponseCode != 0)
        {
            var code = message.ResponseCode switch
            {
                1 => "FORMERR",
                2 => "SERVFAIL",
                3 => "NXDOMAIN",
                4 => "NOTIMP",
                5 => "REFUSED",
                9 => "NOTAUTH",
                _ => $"response code {message.ResponseCode}",
            };
            throw new ZoneTransferException($"{shown} refused the transfer of {zone} ({code}): the server must hold the zone and allow transfers (AXFR) to this address");
        }

        if (message.Answers.IsEmpty)
        {
            throw new ZoneTransferException($"{shown} answered the transfer of {zone} with no record");
        }
    }
}
