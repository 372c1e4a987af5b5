using System.Globalization;
using System.Net;

namespace SfbPolicyGen.Verification;

/// <summary>The options of verify's AD FS check.</summary>
/// <param name="CaFile">A PEM file of roots to trust besides the system's (--ca-file), or null.</param>
/// <param name="ConnectTo">HOST:PORT (--connect, like curl's --connect-to): the federation service's
/// HTTPS connections go there, its plain HTTP ones (the probe) to HOST on their own port, while the
/// name stays the federation service's for SNI, the Host header and the name check. Null: the name's
/// own address.</param>
public sealed record AdfsCheckOptions(string? CaFile, string? ConnectTo)
{
    /// <summary>What is wrong with <see cref="ConnectTo"/>, for the CLI to report before any check; null when it is fine.</summary>
    public string? Problem => ConnectTo is null || ConnectTarget.Parse(ConnectTo) is not null
        ? null
        : $"--connect '{ConnectTo}' is not HOST:PORT (a port from 1 to 65535; an IPv6 address in brackets)";
}

/// <summary>Where --connect sends the federation service's connections.</summary>
internal sealed record ConnectTarget(string Host, int Port)
{
    public const int HttpsPort = 443;

    /// <summary>HOST:PORT or [IPv6]:PORT; null for anything else.</summary>
    public static ConnectTarget? Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
            return IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new(host, port) : null;
        }

        return !host.Contains(':', StringComparison.Ordinal) && Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 ? new(host, port) : null;
    }

    /// <summary>Where a connection to <paramref name="host"/>:<paramref name="port"/> goes: here for the
    /// federation service's HTTPS port, HOST on the same port for its other ports, elsewhere unchanged.</summary>
    public static (string Host, int Port) Map(ConnectTarget? target, string serviceName, string host, int port) =>
        target is null || !string.Equals(host.TrimEnd('.'), serviceName, StringComparison.OrdinalIgnoreCase) ? (host, port)
        : port == HttpsPort ? (target.Host, target.Port)
        : (target.Host, port);
}
