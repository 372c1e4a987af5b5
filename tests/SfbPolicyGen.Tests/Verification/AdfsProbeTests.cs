using System.Net;
using System.Net.Sockets;
using System.Text;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Tests.Verification;

/// <summary>The probe over plain HTTP, and where --connect sends each connection: the HTTPS port of the
/// federation service to HOST:PORT, its other ports (the probe's) to HOST on their own port. The probe's
/// server is the test's own, on 127.0.0.1, answering one request with the status it was given.</summary>
public sealed class AdfsProbeTests
{
    [Theory]
    [InlineData("sts.contoso.com:8443", "sts.contoso.com", 8443)]
    [InlineData("127.0.0.1:443", "127.0.0.1", 443)]
    [InlineData("[::1]:4443", "::1", 4443)]
    public void Connect_is_host_and_port(string text, string host, int port) =>
        Assert.Equal(new ConnectTarget(host, port), ConnectTarget.Parse(text));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData(":443")]
    [InlineData("::1:443")]
    [InlineData("a b:443")]
    public void Anything_else_is_refused(string text)
    {
        Assert.Null(ConnectTarget.Parse(text));
        Assert.StartsWith($"--connect '{text}' is not HOST:PORT", new AdfsCheckOptions(null, text).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_moves_the_services_connections_only()
    {
        var target = new ConnectTarget("127.0.0.1", 8443);
        Assert.Equal(("127.0.0.1", 8443), ConnectTarget.Map(target, "sts.contoso.com", "STS.contoso.com", 443));
        Assert.Equal(("127.0.0.1", 80), ConnectTarget.Map(target, "sts.contoso.com", "sts.contoso.com", 80));
        Assert.Equal(("metadata.contoso.com", 443), ConnectTarget.Map(target, "sts.contoso.com", "metadata.contoso.com", 443));
        Assert.Equal(("sts.contoso.com", 443), ConnectTarget.Map(null, "sts.contoso.com", "sts.contoso.com", 443));
    }

    [Theory]
    [InlineData("200 OK", CheckStatus.Ok, "the probe answers 200")]
    [InlineData("503 Service Unavailable", CheckStatus.Error, "the probe answers 503 ServiceUnavailable, not 200")]
    public async Task The_probe_wants_a_200(string status, CheckStatus expected, string message)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = ServeOnce(listener, status);
        using var trust = AdfsTrust.Load(null);
        using var http = new AdfsHttp(trust, new ConnectTarget("127.0.0.1", 1), "sts.contoso.com", TimeProvider.System);

        var verdict = await http.ProbeAsync(new Uri($"http://sts.contoso.com:{port}/adfs/probe"), CancellationToken.None);

        Assert.Equal((expected, message), verdict);
        Assert.StartsWith("GET /adfs/probe HTTP/1.1\r\nHost: sts.contoso.com:", await served, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_probe_nobody_answers_is_unreachable()
    {
        using var trust = AdfsTrust.Load(null);
        using var http = new AdfsHttp(trust, new ConnectTarget("127.0.0.1", 1), "sts.contoso.com", TimeProvider.System);

        var (status, message) = await http.ProbeAsync(new Uri($"http://sts.contoso.com:{Support.LoopbackPort.Free()}/adfs/probe"), CancellationToken.None);

        Assert.Equal(CheckStatus.Unreachable, status);
        Assert.Contains("connection refused", message, StringComparison.Ordinal);
    }

    /// <returns>The request it read.</returns>
    private static async Task<string> ServeOnce(TcpListener listener, string status)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return request.ToString();
    }
}
