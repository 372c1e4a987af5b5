using System.Net;
using System.Net.Sockets;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary><c>verify</c>'s command line: an unknown check is a usage error with a suggestion, and a run
/// where nothing answers is exit 3 with one SFB083 line.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-verify-all-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Policy()
    {
        var path = Path.Combine(_dir, "policies.yaml");
        File.WriteAllText(path, "tenant: {name: t}\ndomains: [t.example]\n");
        return path;
    }

    [Fact]
    public void An_unknown_check_is_exit_2_with_the_nearest_name()
    {
        var run = CliRunner.Run("verify", Policy(), "--only", "dsn");

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.StartsWith("sfbpolicygen: error SFB080: --only: 'dsn' is not a check; did you mean 'dns'? (checks: dns", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Nothing_answering_is_exit_3_with_one_run_error()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        var run = CliRunner.Run("verify", Policy(), "--only", "dns", "--server", $"127.0.0.1:{port}", "--timeout", "1");

        Assert.True(run.Code == ExitCodes.IoOrInternalError, run.ToString());
        Assert.StartsWith("unreachable dns   t: sip.t.example. CNAME sipdir.online.microsoft.com.: no answer (", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("sfbpolicygen: error SFB083: nothing checked was reachable: no answer (", run.Stderr, StringComparison.Ordinal);
    }
}
