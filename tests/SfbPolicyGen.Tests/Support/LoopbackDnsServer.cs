using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace SfbPolicyGen.Tests.Support;

/// <summary>An authoritative DNS server a test started on 127.0.0.1 at a port it picked, taking RFC 2136
/// updates signed with <see cref="KnotServer.UpdateKey"/>: knotd (<see cref="KnotServer"/>) or BIND's
/// named (<see cref="BindServer"/>), so that the update messages are proved on both.</summary>
public interface IAuthoritativeServer : IDisposable
{
    /// <summary>"knotd" or "named".</summary>
    string Name { get; }

    int Port { get; }

    LookupClient Client(bool tcp, TimeSpan? timeout = null);
}

/// <summary>What knotd and named share as a test runs them: the process, its folder, the port; a client
/// asking it; waiting until it serves over UDP and TCP; stopping it and removing its folder on Dispose.</summary>
public abstract class LoopbackDnsServer(Process process, string folder, int port) : IAuthoritativeServer
{
    public abstract string Name { get; }

    public int Port { get; } = port;

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public LookupClient Client(bool tcp, TimeSpan? timeout = null) => new(new LookupClientOptions(EndPoint)
    {
        UseCache = false,
        UseTcpOnly = tcp,
        Timeout = timeout ?? TimeSpan.FromSeconds(3),
        Retries = 1,
        ThrowDnsErrors = false,
        ContinueOnDnsError = false,
    });

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The system's temporary folder is cleaned anyway.
        }

        GC.SuppressFinalize(this);
    }

    protected void Stop()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    /// <summary>Until the server answers over UDP and over TCP: it may have lost either port to another
    /// program since <see cref="LoopbackPort.Free"/> (then its Start tries another port).</summary>
    protected bool WaitUntilServing(string zone)
    {
        LookupClient[] clients = [Client(tcp: false, TimeSpan.FromMilliseconds(200)), Client(tcp: true, TimeSpan.FromMilliseconds(200))];
        for (var deadline = Stopwatch.StartNew(); deadline.Elapsed < TimeSpan.FromSeconds(15) && !process.HasExited; Thread.Sleep(50))
        {
            if (clients.All(client => Answers(client, zone)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Answers(LookupClient client, string zone)
    {
        try
        {
            return client.Query(zone + ".", QueryType.SOA).Answers.Count > 0;
        }
        catch (Exception e) when (e is DnsResponseException or SocketException)
        {
            return false; // not listening (yet) on that transport
        }
    }
}
