using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Verification;

/// <summary>What the time check asks besides the policy's NTP servers, and the clock it reads.</summary>
/// <param name="DomainController">A domain controller to ask too (<c>--dc HOST[:PORT]</c>), or null.</param>
/// <param name="Clock">This computer's clock, T1 and T4 of RFC 4330.</param>
/// <param name="ServersOverride">Servers (HOST[:PORT]) to ask instead of the policy's, or null.</param>
public sealed record TimeCheckOptions(string? DomainController, TimeProvider Clock, IReadOnlyList<string>? ServersOverride = null)
{
    /// <summary>How long one server has to answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);
}

/// <summary>The live check of the article's "System clock out of sync with server clock" row: asks each
/// NTP server of the tenant's time section (flags stripped) and, when given, a domain controller, with
/// SNTP (docs/TIME.md, "SNTP (RFC 4330)"), and reports each offset from this computer's clock: a warning
/// past <see cref="TimePolicy.WarningSkewSeconds"/>, an error past time.maxSkewSeconds (docs/TIME.md,
/// "Kerberos"). A tenant without a time section has no servers to ask: only the domain controller.
/// Lines come in the order of <see cref="Subjects"/>, whatever order answers arrive in.</summary>
public static class TimeVerifier
{
    public const string Check = "time";

    public const int NtpPort = 123;

    /// <summary>Seconds from the NTP epoch (1900-01-01 UTC) to the Unix epoch.</summary>
    private const long NtpToUnixSeconds = 2_208_988_800;

    private const int PacketLength = 48;

    public static async Task<IReadOnlyList<CheckLine>> CheckAsync(TenantPolicy tenant, TimeCheckOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(options);
        var maxSkew = tenant.Time?.MaxSkewSeconds ?? TimePolicy.DefaultMaxSkewSeconds;
        var subjects = Subjects(tenant, options);
        var lines = await Task.WhenAll(subjects.Select(subject => CheckOneAsync(tenant.Name, subject, maxSkew, options, cancellationToken))).ConfigureAwait(false);
        return lines;
    }

    /// <summary>What is asked, in order: the servers (the override, or the time section's hosts without
    /// their w32tm flags), then the domain controller.</summary>
    public static IReadOnlyList<string> Subjects(TenantPolicy tenant, TimeCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(options);
        var servers = options.ServersOverride ?? [.. tenant.Time?.NtpServers.Select(peer => peer.Host) ?? []];
        return [.. servers, .. options.DomainController is { } dc ? [dc] : Array.Empty<string>()];
    }

    private static async Task<CheckLine> CheckOneAsync(string tenant, string subject, int maxSkew, TimeCheckOptions options, CancellationToken cancellationToken)
    {
        CheckLine Line(CheckStatus status, string message) => new(tenant, Check, subject, status, message);

        if (!TryEndpoint(subject, out var host, out var port))
        {
            return Line(CheckStatus.Error, $"'{subject}' is not HOST or HOST:PORT");
        }

        try
        {
            var address = IPAddress.TryParse(host, out var ip) ? ip : (await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false))[0];
            var sample = await AskAsync(new IPEndPoint(address, port), options, cancellationToken).ConfigureAwait(false);
            if (sample.Problem is { } problem)
            {
                return Line(CheckStatus.Error, problem);
            }

            var seconds = sample.Offset.TotalSeconds;
            var shown = string.Create(CultureInfo.InvariantCulture, $"offset {seconds:+0.000;-0.000;0.000} s (the server's clock minus this computer's)");
            return Math.Abs(seconds) > maxSkew
                ? Line(CheckStatus.Error, string.Create(CultureInfo.InvariantCulture, $"{shown}: past the maximum of {maxSkew} s (time.maxSkewSeconds): Kerberos fails, and users see \"System clock out of sync with server clock\""))
                : Math.Abs(seconds) > TimePolicy.WarningSkewSeconds
                    ? Line(CheckStatus.Warning, string.Create(CultureInfo.InvariantCulture, $"{shown}: past {TimePolicy.WarningSkewSeconds} s; sign-in fails past {maxSkew} s"))
                    : Line(CheckStatus.Ok, shown);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return Line(CheckStatus.Unreachable, "connection refused (is an NTP server running there?)");
        }
        catch (SocketException ex)
        {
            return Line(CheckStatus.Unreachable, ex.Message.TrimEnd('.'));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Line(CheckStatus.Unreachable, string.Create(CultureInfo.InvariantCulture, $"no answer within {options.Timeout.TotalSeconds:0.###} s (is an NTP server running there?)"));
        }
    }

    /// <summary>What one SNTP exchange gave: the offset, or why the answer cannot be used.</summary>
    private readonly record struct Sample(TimeSpan Offset, string? Problem);

    /// <summary>One request and its reply (RFC 4330 sections 4 and 5), over a connected socket, so that a
    /// closed port's ICMP answer is heard at once (as <see cref="DnsVerifier"/> does).</summary>
    private static async Task<Sample> AskAsync(IPEndPoint server, TimeCheckOptions options, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        await socket.ConnectAsync(server, timeout.Token).ConfigureAwait(false);

        // LI 0, VN 4, Mode 3 (client); the transmit timestamp T1, which the reply's originate field echoes.
        var request = new byte[PacketLength];
        request[0] = 0x23;
        var t1 = options.Clock.GetUtcNow();
        WriteTimestamp(request.AsSpan(40, 8), t1);
        await socket.SendAsync(request, timeout.Token).ConfigureAwait(false);

        var reply = new byte[512];
        var length = await socket.ReceiveAsync(reply, timeout.Token).ConfigureAwait(false);
        var t4 = options.Clock.GetUtcNow();
        var (leap, version, mode, stratum) = (reply[0] >> 6, (reply[0] >> 3) & 7, reply[0] & 7, reply[1]);
        var problem = length < PacketLength ? $"the answer is {length} bytes, not an NTP message (at least {PacketLength})"
            : mode != 4 ? $"the answer's mode is {mode}, not 4 (server)"
            : version is < 1 or > 4 ? $"the answer's version is {version}"
            : !reply.AsSpan(24, 8).SequenceEqual(request.AsSpan(40, 8)) ? "the answer is not to the request sent (its originate timestamp differs)"
            : stratum == 0 ? $"the server refused to answer (kiss-o'-death '{System.Text.Encoding.ASCII.GetString(reply, 12, 4).TrimEnd('\0')}')"
            : leap == 3 ? "the server says its own clock is not synchronised (leap indicator 3)"
            : BinaryPrimitives.ReadUInt64BigEndian(reply.AsSpan(40, 8)) == 0 ? "the answer's transmit timestamp is zero"
            : null;
        if (problem is not null)
        {
            return new Sample(TimeSpan.Zero, problem);
        }

        var t2 = ReadTimestamp(reply.AsSpan(32, 8));
        var t3 = ReadTimestamp(reply.AsSpan(40, 8));
        return new Sample(((t2 - t1) + (t3 - t4)) / 2, null);
    }

    /// <summary>HOST, HOST:PORT, [IPv6] or [IPv6]:PORT; an IPv6 address alone has no port.</summary>
    private static bool TryEndpoint(string text, out string host, out int port)
    {
        (host, port) = (text, NtpPort);
        if (text.StartsWith('[') && text.IndexOf(']', StringComparison.Ordinal) is > 0 and var close)
        {
            host = text[1..close];
            return close == text.Length - 1 || (text[close + 1] == ':' && int.TryParse(text[(close + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535);
        }

        if (text.Count(c => c == ':') == 1)
        {
            host = text[..text.IndexOf(':', StringComparison.Ordinal)];
            return int.TryParse(text[(host.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535 && host.Length > 0;
        }

        return text.Length > 0;
    }

    /// <summary>An NTP timestamp: 32 bits of seconds since 1900-01-01 UTC, 32 bits of fraction.</summary>
    public static void WriteTimestamp(Span<byte> destination, DateTimeOffset time)
    {
        var ticks = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) + (NtpToUnixSeconds * TimeSpan.TicksPerSecond);
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        BinaryPrimitives.WriteUInt64BigEndian(destination, (seconds << 32) | fraction);
    }

    /// <summary>The time an NTP timestamp gives. Seconds with the high bit clear are in era 1, from
    /// 2036-02-07 (RFC 4330 section 3).</summary>
    public static DateTimeOffset ReadTimestamp(ReadOnlySpan<byte> source)
    {
        var value = BinaryPrimitives.ReadUInt64BigEndian(source);
        var seconds = (long)(value >> 32) + ((value >> 63) == 0 ? 1L << 32 : 0);
        var fractionTicks = (long)((value & 0xFFFF_FFFF) * (ulong)TimeSpan.TicksPerSecond >> 32);
        return DateTimeOffset.UnixEpoch.AddTicks(((seconds - NtpToUnixSeconds) * TimeSpan.TicksPerSecond) + fractionTicks);
    }
}
