using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary><c>verify --only adfs</c> end to end, through the command line and the concern's declared check,
/// against openssl s_server on 127.0.0.1 with certificates from a CA made here (dated from the real clock,
/// which the command uses): a self-signed certificate is the article's cause, exit 1; a bad --connect is a
/// usage error before anything is asked.</summary>
public sealed class VerifyAdfsCommandTests : IDisposable
{
    private const string Name = "sts.contoso.com";

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly TestCertificates _ca;
    private readonly string _folder = Directory.CreateTempSubdirectory("sfb-verify-adfs-").FullName;

    public VerifyAdfsCommandTests() => _ca = new TestCertificates(_now);

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Policy()
    {
        var path = Path.Combine(_folder, "policies.yaml");
        File.WriteAllText(path, $"tenant: {{name: contoso}}\ndomains: [contoso.com]\nadfs: {{federationServiceName: {Name}}}\n");
        return path;
    }

    [SkippableFact]
    public void A_self_signed_certificate_is_the_article_s_cause_and_exit_1()
    {
        using var leaf = _ca.Leaf($"CN={Name}", _now.AddDays(-1), _now.AddDays(365), [Name], selfSigned: true);
        using var server = OpenSslServer.Start(leaf, new Dictionary<string, string>());

        var run = CliRunner.Run("verify", Policy(), "--only", "adfs", "--connect", server.Address);

        Assert.True(run.Code == ExitCodes.Differences, run.ToString());
        var chain = Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("error       adfs  contoso: sts.contoso.com TLS chain: ", StringComparison.Ordinal));
        Assert.Contains("self-signed", chain, StringComparison.Ordinal);
        Assert.Contains("sts.contoso.com TLS name: ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connect_that_is_not_host_and_port_is_exit_2_before_anything_is_asked()
    {
        var run = CliRunner.Run("verify", Policy(), "--only", "adfs", "--connect", "127.0.0.1");

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.StartsWith("sfbpolicygen: error SFB080: --connect '127.0.0.1' is not HOST:PORT", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }
}
