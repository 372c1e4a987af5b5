using System.Net;
using System.Net.Sockets;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Support;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>verify-dns without a DNS server: bad input is exit 2 before any query, and a server that
/// does not answer is one clear line and exit 3, never a stack trace. (Against a real server:
/// Consumers/VerifyDnsAgainstKnotdTests.)</summary>
public sealed class VerifyDnsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-verify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Policy(string text)
    {
        var path = Path.Combine(_dir, "policies.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:dns")]
    [InlineData("[::1")]
    [InlineData("bad host!")]
    [InlineData("")]
    public void A_bad_server_is_exit_2(string server)
    {
        var run = CliRunner.Run("verify-dns", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--server", server);
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.StartsWith("sfbpolicygen: error SFB080: --server: ", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void An_invalid_policy_file_is_exit_2_with_positioned_errors()
    {
        var run = CliRunner.Run("verify-dns", Policy("tenant: {name: t}\ndomains: [not a domain]\n"), "--server", "127.0.0.1:53");
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Contains("policies.yaml(2,", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error SFB021", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_out_of_range_is_exit_2() =>
        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("verify-dns", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--timeout", "0").Code);

    [Fact]
    public void A_server_that_does_not_answer_is_one_clear_error_and_exit_3()
    {
        // A loopback port that nothing listens on.
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        var run = CliRunner.Run("verify-dns", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--server", $"127.0.0.1:{port}", "--timeout", "1");

        Assert.True(run.Code == ExitCodes.IoOrInternalError, run.ToString());
        Assert.StartsWith("no answer sip.t.example. CNAME sipdir.online.microsoft.com. (", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith($"sfbpolicygen: error SFB082: no name got a usable answer from 127.0.0.1:{port} over UDP: ", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith(" (is the server running and reachable?)\n", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_closed_udp_port_fails_at_once_on_the_port_unreachable_reply()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        // Two timeouts of 60 s each without the connected socket that hears the ICMP reply.
        var run = CliRunner.Run("verify-dns", Policy("tenant: {name: t}\ndomains: [t.example, u.example]\n"), "--server", $"127.0.0.1:{port}", "--timeout", "60");

        Assert.True(run.Code == ExitCodes.IoOrInternalError, run.ToString());
        Assert.Equal(
            [
                "no answer sip.t.example. CNAME sipdir.online.microsoft.com. (Connection refused (is the server running and reachable?))",
                "no answer sip.u.example. CNAME sipdir.online.microsoft.com. (Connection refused (is the server running and reachable?))",
                $"2 name(s) of 1 tenant(s) asked of 127.0.0.1:{port} over UDP: 0 right, 0 missing, 0 outdated, 0 in conflict, 0 unwanted, 0 kept, 2 unanswered.",
            ],
            run.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Equal($"sfbpolicygen: error SFB082: no name got a usable answer from 127.0.0.1:{port} over UDP: Connection refused (is the server running and reachable?)\n", run.Stderr);
    }

    [Fact]
    public void A_tcp_server_answering_http_closed_the_connection_not_timed_out()
    {
        using var server = GarbageDnsServer.Http();
        var run = CliRunner.Run("verify-dns", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--server", $"127.0.0.1:{server.Port}", "--tcp", "--timeout", "60");

        const string Why = "the server closed the connection before a whole answer came (in the middle of a message, or before one: is it a DNS server?)";
        Assert.True(run.Code == ExitCodes.IoOrInternalError, run.ToString());
        Assert.Equal($"no answer sip.t.example. CNAME sipdir.online.microsoft.com. ({Why})\n", run.Stdout.Split('\n')[0] + "\n");
        Assert.Equal($"sfbpolicygen: error SFB082: no name got a usable answer from 127.0.0.1:{server.Port} over TCP: {Why}\n", run.Stderr);
    }

    [Theory]
    [InlineData(false, false, "the answer over UDP is not a DNS message, or was truncated (ask again with --tcp)")]
    [InlineData(true, false, "the answer is not a DNS message")]
    [InlineData(false, true, "the answer is not to the question asked (another message ID)")]
    [InlineData(true, true, "the answer is not to the question asked (another message ID)")]
    public void A_server_that_answers_garbage_is_one_line_naming_it_and_exit_3(bool tcp, bool otherId, string why)
    {
        using var server = otherId ? GarbageDnsServer.OtherId(tcp) : GarbageDnsServer.NotDns(tcp);
        var run = CliRunner.Run(["verify-dns", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--server", $"127.0.0.1:{server.Port}", "--timeout", "1", .. tcp ? ["--tcp"] : Array.Empty<string>()]);

        var transport = tcp ? "TCP" : "UDP";
        Assert.True(run.Code == ExitCodes.IoOrInternalError, run.ToString());
        Assert.Equal(
            [
                $"no answer sip.t.example. CNAME sipdir.online.microsoft.com. ({why})",
                $"1 name(s) of 1 tenant(s) asked of 127.0.0.1:{server.Port} over {transport}: 0 right, 0 missing, 0 outdated, 0 in conflict, 0 unwanted, 0 kept, 1 unanswered.",
            ],
            run.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Equal($"sfbpolicygen: error SFB082: no name got a usable answer from 127.0.0.1:{server.Port} over {transport}: {why}\n", run.Stderr);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    public void A_timeout_that_is_not_a_number_is_exit_2(string timeout)
    {
        var run = CliRunner.Run("verify-dns", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--timeout", timeout);
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.StartsWith("sfbpolicygen: error SFB080: ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.53", "192.0.2.53", 53)]
    [InlineData("192.0.2.53:5353", "192.0.2.53", 5353)]
    [InlineData("::1", "::1", 53)]
    [InlineData("[::1]:5353", "::1", 5353)]
    [InlineData(" ns1.example.net:54 ", "ns1.example.net", 54)]
    public void Server_addresses_parse(string text, string host, int port)
    {
        Assert.True(DnsServerAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(new DnsServerAddress(host, port), address);
    }

    [Fact]
    public void What_a_server_answers_reaches_the_terminal_without_control_characters()
    {
        var rule = new SfbPolicyGen.Model.DnsNameRule("t.example", "sip", new SfbPolicyGen.Model.DnsRecord("sip", "CNAME", 3600, "sipdir.online.lync.com"), [], Kept: false, Retired: false);
        var check = new RecordCheck("t", rule, RecordVerdict.Conflict, ["CNAME evil\u001b[2J\u202E.example."], null);
        Assert.Equal("conflict  sip.t.example. CNAME sipdir.online.lync.com. (found CNAME evil\\u001B[2J\\u202E.example.)", VerifyDnsCommand.Line(check));
    }
}
