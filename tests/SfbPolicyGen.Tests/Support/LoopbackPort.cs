using System.Net;
using System.Net.Sockets;

namespace SfbPolicyGen.Tests.Support;

/// <summary>One port on 127.0.0.1 for TCP and UDP at once, as a DNS server listens: the TCP port the
/// system picked, kept only if UDP can bind it too (another program may hold it for UDP alone).
/// Nothing here listens beyond loopback.</summary>
public static class LoopbackPort
{
    /// <summary>Both sockets, bound: for a server of the test's own.</summary>
    public static (TcpListener Tcp, UdpClient Udp) Bind()
    {
        for (var attempt = 1; ; attempt++)
        {
            var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            try
            {
                return (tcp, new UdpClient(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)tcp.LocalEndpoint).Port)));
            }
            catch (SocketException) when (attempt < 20)
            {
                tcp.Stop(); // taken for UDP: pick another
            }
        }
    }

    /// <summary>A port free for both at this moment, for a server another program runs (it may be
    /// taken again before that program binds it: retry then).</summary>
    public static int Free()
    {
        var (tcp, udp) = Bind();
        var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
        tcp.Stop();
        udp.Dispose();
        return port;
    }
}
