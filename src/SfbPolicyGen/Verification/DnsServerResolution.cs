using System.Net;
using System.Net.Sockets;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Verification;

/// <summary>The network side of a <see cref="DnsServerAddress"/>: the model holds the address as
/// written, and only the commands that talk to the server (verify-dns, import --axfr) resolve it.</summary>
public static class DnsServerResolution
{
    /// <summary>The server's addresses: the address given, or those its name resolves to (verify-dns asks
    /// each, import the first).</summary>
    /// <exception cref="SocketException">The name does not resolve (<see cref="CannotResolve"/> says so).</exception>
    public static async Task<IPAddress[]> ResolveAsync(this DnsServerAddress address, CancellationToken cancellationToken) =>
        IPAddress.TryParse(address.Host, out var ip) ? [ip] : await Dns.GetHostAddressesAsync(address.Host, cancellationToken).ConfigureAwait(false);

    public static string CannotResolve(this DnsServerAddress address, SocketException ex) => $"cannot resolve the server name '{address.Host}': {ex.Message}";
}
