using System.Security.Cryptography.X509Certificates;
using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Support;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Tests.Verification;

/// <summary><see cref="AdfsVerifier"/> against a real TLS server (openssl s_server -WWW on 127.0.0.1,
/// reached with --connect while the name stays sts.contoso.com), with certificates from a CA made here
/// and dated from the test's fixed clock: each certificate fault is the line it should be, and only that.</summary>
public sealed class AdfsVerifierTests : IDisposable
{
    private const string Name = "sts.contoso.com";
    private const string MetadataPath = "FederationMetadata/2007-06/FederationMetadata.xml";

    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TestCertificates _ca = new(Now);
    private readonly string _folder = Directory.CreateTempSubdirectory("sfb-adfs-").FullName;

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string CaFile
    {
        get
        {
            var file = Path.Combine(_folder, "ca.pem");
            File.WriteAllText(file, _ca.RootPem);
            return file;
        }
    }

    [SkippableFact]
    public async Task A_good_certificate_trusted_through_the_ca_file_gives_ok_lines_only()
    {
        using var signing = TokenSigning(Now.AddDays(-30), Now.AddDays(365));
        using var server = Serve(Leaf(Now.AddDays(365)), Metadata(signing));

        var lines = await Check(server.Address, CaFile);

        Assert.Equal(
            [
                ($"{Name} TLS chain", CheckStatus.Ok),
                ($"{Name} TLS EKU", CheckStatus.Ok),
                ($"{Name} TLS name", CheckStatus.Ok),
                ($"{Name} TLS expiry", CheckStatus.Ok),
                ($"https://{Name}/{MetadataPath}", CheckStatus.Ok),
                ($"token-signing ADFS Signing - {Name} {signing.Thumbprint}", CheckStatus.Ok),
            ],
            lines.Select(l => (l.Subject, l.Status)));
        Assert.All(lines, l => Assert.Equal(("contoso", "adfs"), (l.Tenant, l.Check)));
        Assert.Contains("CN=SfbPolicyGen Test Root CA, O=SfbPolicyGen tests, from --ca-file", lines[0].Message, StringComparison.Ordinal);
        Assert.Equal("valid until 2027-06-01 (365 days)", lines[3].Message);
        Assert.Equal("federation metadata read: 1 token-signing certificate(s)", lines[4].Message);
    }

    [SkippableFact]
    public async Task Without_the_ca_file_the_same_chain_is_untrusted_and_the_metadata_is_refused()
    {
        using var signing = TokenSigning(Now.AddDays(-30), Now.AddDays(365));
        using var server = Serve(Leaf(Now.AddDays(365)), Metadata(signing));

        var lines = await Check(server.Address, caFile: null);

        Assert.Equal(CheckStatus.Error, Line(lines, "TLS chain").Status);
        Assert.Contains("does not build to a trusted root", Line(lines, "TLS chain").Message, StringComparison.Ordinal);
        var metadata = Line(lines, MetadataPath);
        Assert.Equal(CheckStatus.Error, metadata.Status);
        Assert.Contains("certificate is not trusted", metadata.Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Ok, Line(lines, "TLS name").Status);
    }

    [SkippableTheory]
    [InlineData(true, CheckStatus.Ok, "CN=SfbPolicyGen Test Root CA")]
    [InlineData(false, CheckStatus.Error, "PartialChain")]
    public async Task An_intermediate_must_be_sent_by_the_server(bool sent, CheckStatus status, string words)
    {
        using var intermediate = _ca.Intermediate();
        using var leaf = _ca.Leaf($"CN={Name}", Now.AddDays(-1), Now.AddDays(365), [Name], issuer: intermediate);
        using var server = OpenSslServer.Start(leaf, new Dictionary<string, string> { [MetadataPath] = Metadata() }, sent ? [intermediate] : null);

        var chain = Line(await Check(server.Address, CaFile), "TLS chain");

        Assert.Equal(status, chain.Status);
        Assert.Contains(words, chain.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_self_signed_certificate_is_the_articles_cause()
    {
        using var leaf = _ca.Leaf($"CN={Name}", Now.AddDays(-1), Now.AddDays(365), [Name], selfSigned: true);
        using var server = Serve(leaf, Metadata());

        var chain = Line(await Check(server.Address, CaFile), "TLS chain");

        Assert.Equal(CheckStatus.Error, chain.Status);
        Assert.Contains("self-signed", chain.Message, StringComparison.Ordinal);
        Assert.Contains("The server is temporarily unavailable", chain.Message, StringComparison.Ordinal);
        Assert.Contains("third-party certification authority", chain.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_expired_certificate_is_an_error_with_its_date_and_its_chain_is_still_judged_apart()
    {
        using var leaf = _ca.Leaf($"CN={Name}", Now.AddDays(-400), Now.AddDays(-1), [Name]);
        using var server = Serve(leaf, Metadata());

        var lines = await Check(server.Address, CaFile);

        Assert.Equal((CheckStatus.Error, "expired on 2026-05-31"), (Line(lines, "TLS expiry").Status, Line(lines, "TLS expiry").Message));
        Assert.Equal(CheckStatus.Ok, Line(lines, "TLS chain").Status);
        Assert.Equal(CheckStatus.Error, Line(lines, MetadataPath).Status);
    }

    [SkippableTheory]
    [InlineData(20, CheckStatus.Error, "expires on 2026-06-21, in 20 days (under 30)")]
    [InlineData(60, CheckStatus.Warning, "expires on 2026-07-31, in 60 days (under 90)")]
    [InlineData(120, CheckStatus.Ok, "valid until 2026-09-29 (120 days)")]
    public async Task An_expiring_certificate_is_an_error_under_30_days_and_a_warning_under_90(int days, CheckStatus status, string message)
    {
        using var server = Serve(Leaf(Now.AddDays(days)), Metadata());

        var expiry = Line(await Check(server.Address, CaFile), "TLS expiry");

        Assert.Equal((status, message), (expiry.Status, expiry.Message));
    }

    [SkippableFact]
    public async Task A_certificate_for_another_name_or_without_server_authentication_is_an_error()
    {
        using var leaf = _ca.Leaf("CN=www.contoso.com", Now.AddDays(-1), Now.AddDays(365), ["www.contoso.com", "*.sts.contoso.com"], usages: ["1.3.6.1.5.5.7.3.2"]);
        using var server = Serve(leaf, Metadata());

        var lines = await Check(server.Address, CaFile);

        Assert.Equal(CheckStatus.Error, Line(lines, "TLS name").Status);
        Assert.Equal($"{Name} is not among the certificate's subject alternative names (www.contoso.com, *.sts.contoso.com)", Line(lines, "TLS name").Message);
        Assert.Equal(CheckStatus.Error, Line(lines, "TLS EKU").Status);
        Assert.Contains("1.3.6.1.5.5.7.3.2 only", Line(lines, "TLS EKU").Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Error, Line(lines, MetadataPath).Status);
    }

    [SkippableTheory]
    [InlineData($"CN={Name}", CheckStatus.Warning, "matches only the subject's CN")]
    [InlineData("CN=other.contoso.com", CheckStatus.Error, "does not match the subject's CN 'other.contoso.com'")]
    public async Task Without_a_san_the_cn_is_a_fallback_and_the_line_says_so(string subject, CheckStatus status, string words)
    {
        using var leaf = _ca.Leaf(subject, Now.AddDays(-1), Now.AddDays(365), []);
        using var server = Serve(leaf, Metadata());

        var name = Line(await Check(server.Address, CaFile), "TLS name");

        Assert.Equal(status, name.Status);
        Assert.Contains("no subject alternative name", name.Message, StringComparison.Ordinal);
        Assert.Contains(words, name.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_expiring_token_signing_certificate_is_an_error_and_its_successor_is_named_secondary()
    {
        using var current = TokenSigning(Now.AddDays(-340), Now.AddDays(25));
        using var next = TokenSigning(Now.AddDays(-5), Now.AddDays(360));
        using var server = Serve(Leaf(Now.AddDays(365)), Metadata(next, current));

        var lines = (await Check(server.Address, CaFile)).Skip(4).ToList();

        Assert.Equal(
            [
                ($"https://{Name}/{MetadataPath}", CheckStatus.Ok, "federation metadata read: 2 token-signing certificate(s)"),
                ($"token-signing ADFS Signing - {Name} {current.Thumbprint}", CheckStatus.Error, "expires on 2026-06-26, in 25 days (under 30)"),
                ($"secondary token-signing (automatic certificate rollover) ADFS Signing - {Name} {next.Thumbprint}", CheckStatus.Ok, "valid until 2027-05-27 (360 days)"),
            ],
            lines.Select(l => (l.Subject, l.Status, l.Message)));
    }

    [SkippableTheory]
    [InlineData("<html><body>AD FS is down</body>", "the federation metadata is not XML")]
    [InlineData("<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>", "holds no signing certificate")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "not SAML 2.0 metadata: its root is feed")]
    public async Task Metadata_that_is_not_xml_or_holds_no_signing_certificate_is_an_error(string body, string words)
    {
        using var server = Serve(Leaf(Now.AddDays(365)), body);

        var metadata = Line(await Check(server.Address, CaFile), MetadataPath);

        Assert.Equal(CheckStatus.Error, metadata.Status);
        Assert.Contains(words, metadata.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_is_unreachable_and_judges_nothing()
    {
        var lines = await Check($"127.0.0.1:{LoopbackPort.Free()}", CaFile);

        Assert.Equal(
            [($"{Name} TLS", CheckStatus.Unreachable), ($"https://{Name}/{MetadataPath}", CheckStatus.Unreachable)],
            lines.Select(l => (l.Subject, l.Status)));
        Assert.Contains("connection refused", lines[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_without_adfs_has_no_line_and_a_bad_connect_is_one_error()
    {
        Assert.Empty(await AdfsVerifier.CheckAsync(Tenant(""), new AdfsCheckOptions(null, null), new FixedClock(Now), CancellationToken.None));
        var line = Assert.Single(await Check("127.0.0.1", caFile: null));
        Assert.Equal((CheckStatus.Error, "--connect '127.0.0.1' is not HOST:PORT (a port from 1 to 65535; an IPv6 address in brackets)"), (line.Status, line.Message));
    }

    private X509Certificate2 Leaf(DateTimeOffset notAfter) => _ca.Leaf($"CN={Name}", Now.AddDays(-30), notAfter, [Name]);

    /// <summary>As AD FS makes them: self-signed, named after the service.</summary>
    private X509Certificate2 TokenSigning(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        _ca.Leaf($"CN=ADFS Signing - {Name}", notBefore, notAfter, [], usages: [], selfSigned: true);

    private static OpenSslServer Serve(X509Certificate2 leaf, string metadata)
    {
        using (leaf)
        {
            return OpenSslServer.Start(leaf, new Dictionary<string, string> { [MetadataPath] = metadata });
        }
    }

    private static Task<IReadOnlyList<CheckLine>> Check(string connect, string? caFile) =>
        AdfsVerifier.CheckAsync(Tenant($"adfs: {{federationServiceName: {Name.ToUpperInvariant()}}}\n"), new AdfsCheckOptions(caFile, connect), new FixedClock(Now), CancellationToken.None);

    private static CheckLine Line(IReadOnlyList<CheckLine> lines, string subjectEnd) =>
        Assert.Single(lines, l => l.Subject.EndsWith(subjectEnd, StringComparison.Ordinal));

    private static TenantPolicy Tenant(string adfs)
    {
        var bag = new DiagnosticBag();
        var tenant = PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes("tenant: {name: contoso}\ndomains: [contoso.com]\n" + adfs), bag);
        Assert.True(tenant is not null, string.Join('\n', bag.Sorted()));
        return tenant;
    }

    /// <summary>SAML 2.0 metadata as AD FS publishes it: each signing certificate in two role
    /// descriptors (counted once), beside an encryption key that is not a signing one.</summary>
    private string Metadata(params X509Certificate2[] signing)
    {
        using var encryption = _ca.Leaf($"CN=ADFS Encryption - {Name}", Now.AddDays(-400), Now.AddDays(-100), [], usages: [], selfSigned: true);
        string Keys() => string.Concat(signing.Select(c => Key("signing", c))) + Key("encryption", encryption);
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <EntityDescriptor ID="_e" entityID="http://{Name}/adfs/services/trust" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
              <RoleDescriptor xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706" xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706">{Keys()}</RoleDescriptor>
              <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">{Keys()}</IDPSSODescriptor>
            </EntityDescriptor>
            """;
    }

    private static string Key(string use, X509Certificate2 certificate) => $"""
        <KeyDescriptor use="{use}"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>{Convert.ToBase64String(certificate.RawData, Base64FormattingOptions.InsertLineBreaks)}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
        """;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
