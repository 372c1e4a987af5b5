using System.Globalization;
using System.Net;

namespace SfbPolicyGen.Model;

/// <summary>The <c>--server HOST[:PORT]</c> of verify-dns: an IPv4 address, an IPv6 address (in
/// brackets when a port follows, as in URLs: <c>[::1]:5353</c>), or a host name; port 53 by default.
/// Also dns.updateServer of policies.yaml, which is why it is a plain value of the model: it is parsed
/// and checked here, and only Verification's <c>Verification.DnsServerResolution</c> turns it
/// into addresses (network I/O stays at the edges).</summary>
public sealed record DnsServerAddress(string Host, int Port)
{
    public const int DefaultPort = 53;

    public static bool TryParse(string text, out DnsServerAddress? address, out string error)
    {
        address = null;
        error = "";
        var host = text.Trim();
        var port = DefaultPort;
        string? portText = null;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close != host.Length - 1 && host[close + 1] != ':'))
            {
                error = $"'{FreeText.Shown(text)}' is not HOST[:PORT]; write an IPv6 address with a port as [::1]:5353";
                return false;
            }

            portText = close == host.Length - 1 ? null : host[(close + 2)..];
            host = host[1..close];
        }
        else if (host.Count(c => c == ':') == 1)
        {
            portText = host[(host.IndexOf(':', StringComparison.Ordinal) + 1)..];
            host = host[..host.IndexOf(':', StringComparison.Ordinal)];
        }

        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"the port in '{FreeText.Shown(text)}' must be a number from 1 to 65535";
            return false;
        }

        if (host.Length == 0 || (!IPAddress.TryParse(host, out _) && Uri.CheckHostName(host) != UriHostNameType.Dns))
        {
            error = $"'{FreeText.Shown(text)}' is not an IP address or a host name";
            return false;
        }

        address = new DnsServerAddress(host, port);
        return true;
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
