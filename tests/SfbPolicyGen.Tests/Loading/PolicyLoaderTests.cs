using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Tests.Loading;

public class PolicyLoaderTests
{
    private static (TenantPolicy? Policy, IReadOnlyList<Diagnostic> Diagnostics) Load(string yaml) => Load(Encoding.UTF8.GetBytes(yaml));

    private static (TenantPolicy? Policy, IReadOnlyList<Diagnostic> Diagnostics) Load(byte[] bytes)
    {
        var bag = new DiagnosticBag();
        var policy = PolicyLoader.Load("p.yaml", bytes, bag);
        return (policy, bag.Sorted());
    }

    [Fact]
    public void Minimal_file_gets_every_default()
    {
        var (policy, diagnostics) = Load("tenant: {name: contoso}\ndomains: [contoso.com]\n");
        Assert.Empty(diagnostics);
        Assert.NotNull(policy);
        Assert.Equal("contoso", policy.DisplayName);
        Assert.Equal<TrustClient>([TrustClient.Communicator], policy.TrustModelData.Clients);
        Assert.Equal("lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com", policy.TrustModelData.RegistryValue);
        Assert.Equal(ProxyKind.None, policy.Proxy.Kind);
        Assert.Empty(policy.Proxy.Applications);
        Assert.Equal(DnsProfile.Troubleshooting, policy.Dns.Profile);
        Assert.Equal(3600, policy.Dns.Ttl);
        Assert.Equal<DnsRecord>([new DnsRecord("sip", "CNAME", 3600, "sipdir.online.microsoft.com")], policy.Dns.Records);
        Assert.Equal(("SfbPolicyGen.Tenants.contoso", "sfb_contoso", "SfbPolicyGen-contoso"), (policy.Admx.Namespace, policy.Admx.Prefix, policy.Admx.FileName));
        Assert.Equal<string>(["en-US", "fr-FR"], policy.Admx.Languages);
        Assert.Equal("Skype for Business sign-in (contoso)", policy.Gpo.Name);
    }

    [Theory]
    [InlineData("gpo: {name: \"a\\nb\"}", "SFB025", "(4,13)")]
    [InlineData("gpo: {name: \"a\\u202Eb\"}", "SFB025", "(4,13)")]
    [InlineData("gpo: {nme: x}", "SFB010", "(4,7)")]
    [InlineData("gpo: {name: [x]}", "SFB012", "(4,13)")]
    public void Gpo_name_is_free_text_with_its_rules(string gpo, string code, string at)
    {
        var (policy, diagnostics) = Load($"tenant: {{name: c}}\ndomains: [c.example]\n\n{gpo}\n");
        Assert.Null(policy);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(at, $"({diagnostic.Line},{diagnostic.Column})");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void An_explicit_lyncdiscover_choice_silences_the_hybrid_warning(string choice)
    {
        var (policy, diagnostics) = Load($"tenant: {{name: c}}\ndomains: [c.example]\ndns: {{profile: skype-online, lyncdiscover: {choice}}}\n");
        Assert.Empty(diagnostics);
        Assert.Equal(choice == "true", policy!.Dns.Records.Any(r => r.Name == "lyncdiscover"));
    }

    [Fact]
    public void Gpo_name_is_trimmed_and_kept_as_written()
    {
        var (policy, diagnostics) = Load("tenant: {name: c}\ndomains: [c.example]\ngpo: {name: \"  It's $(x) `n \"}\n");
        Assert.Empty(diagnostics);
        Assert.Equal("It's $(x) `n", policy!.Gpo.Name);
    }

    [Fact]
    public void Proxy_kind_tmg_without_applications_gets_the_seed_rule()
    {
        var (policy, _) = Load("tenant: {name: c}\ndomains: [c.example]\nproxy: {kind: tmg}\n");
        Assert.Equal<ProxyApplication>([new ProxyApplication("msoidsvc", 0, 0)], policy!.Proxy.Applications);
    }

    [Theory]
    [InlineData(DnsCloud.Worldwide, "worldwide", "sipdir.online.lync.com", "webdir.online.lync.com", "sipfed.online.lync.com")]
    [InlineData(DnsCloud.Germany, "germany", "sipdir.online.lync.de", "webdir.online.skype.de", "sipfed.online.lync.de")]
    [InlineData(DnsCloud.China21Vianet, "21vianet", "sipdir.online.partner.lync.cn", "webdir.online.partner.lync.cn", "sipfed.online.partner.lync.cn")]
    public void Skype_online_profile_publishes_the_four_documented_records(DnsCloud cloud, string name, string sipDir, string webDir, string sipFed)
    {
        var (policy, diagnostics) = Load($"tenant: {{name: c}}\ndomains: [c.example]\ndns: {{profile: skype-online, cloud: {name}}}\n");
        Assert.Equal("SFB107", Assert.Single(diagnostics).Code); // lyncdiscover published without an explicit choice
        Assert.Equal(cloud, policy!.Dns.Cloud);
        Assert.Equal<DnsRecord>(
            [
                new DnsRecord("sip", "CNAME", 3600, sipDir),
                new DnsRecord("lyncdiscover", "CNAME", 3600, webDir),
                new DnsRecord("_sip._tls", "SRV", 3600, sipDir, 100, 1, 443),
                new DnsRecord("_sipfederationtls._tcp", "SRV", 3600, sipFed, 100, 1, 5061),
            ],
            policy.Dns.Records);
    }

    [Fact]
    public void Teams_only_keeps_only_the_federation_srv()
    {
        var (policy, _) = Load("tenant: {name: c}\ndomains: [c.example]\ndns: {profile: teams-only}\n");
        Assert.Equal<DnsRecord>([new DnsRecord("_sipfederationtls._tcp", "SRV", 3600, "sipfed.online.lync.com", 100, 1, 5061)], policy!.Dns.Records);
    }

    [Theory]
    [InlineData("", DiagnosticCodes.EmptyFile, 1, 1)]
    [InlineData("tenant: {name: c}\n", DiagnosticCodes.MissingKey, 1, 1)]
    [InlineData("tenant: {name: c}\ndomains: []\n", DiagnosticCodes.EmptyList, 2, 10)]
    [InlineData("tenant: {name: c}\ndomains: [c.example]\ndomains: [d.example]\n", DiagnosticCodes.DuplicateKey, 3, 1)]
    [InlineData("tenant: {name: c}\ndomains: [c.example]\nttl: 5\n", DiagnosticCodes.UnknownKey, 3, 1)]
    [InlineData("tenant: {name: c}\ndomains: [c.example]\ndns: {ttl: 0}\n", DiagnosticCodes.InvalidNumber, 3, 12)]
    [InlineData("tenant: {name: c}\ndomains: [c.example]\ndns: {ttl: '60'}\n", DiagnosticCodes.InvalidNumber, 3, 12)]
    [InlineData("tenant: {name: c}\ndomains: [c.example]\n---\ntenant: {name: d}\n", DiagnosticCodes.MultipleDocuments, 3, 1)]
    [InlineData("- a\n- b\n", DiagnosticCodes.WrongType, 1, 1)]
    [InlineData("tenant: {name: c}\ndomains: [c.example]\ntrustModelData: [a]\n", DiagnosticCodes.WrongType, 3, 17)]
    [InlineData("tenant: {name: c, displayName: \"a\\u202Eb\"}\ndomains: [c.example]\n", DiagnosticCodes.InvalidText, 1, 32)]
    public void Reports_each_problem_with_code_and_position(string yaml, string code, int line, int column)
    {
        var (policy, diagnostics) = Load(yaml);
        Assert.Null(policy);
        Assert.Contains(diagnostics, d => d.Code == code && d.Line == line && d.Column == column && d.Severity == Severity.Error);
    }

    [Fact]
    public void Reports_every_problem_not_just_the_first()
    {
        var (_, diagnostics) = Load("tenant: {name: BAD}\ndomains: [bad_one.example, also bad]\ndns: {profile: nope}\n");
        Assert.Equal(
            [DiagnosticCodes.InvalidTenantName, DiagnosticCodes.InvalidDomainName, DiagnosticCodes.InvalidDomainName, DiagnosticCodes.InvalidChoice],
            diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Deep_nesting_is_refused_not_recursed()
    {
        var deep = "tenant: {name: c}\ndomains: [c.example]\nadmx: " + new string('[', 5000) + new string(']', 5000) + "\n";
        var (policy, diagnostics) = Load(deep);
        Assert.Null(policy);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.TooDeep);
    }

    [Fact]
    public void Utf16_with_bom_is_read_and_bad_utf8_is_positioned()
    {
        var utf16 = new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes("tenant: {name: c}\ndomains: [c.example]\n")).ToArray();
        Assert.NotNull(Load(utf16).Policy);

        var (_, diagnostics) = Load([.. "tenant:\n  name: x"u8.ToArray(), 0xC3]);
        var bad = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.InvalidEncoding, 2, 10), (bad.Code, bad.Line, bad.Column));
    }

    [Fact]
    public void Warnings_do_not_stop_the_load()
    {
        var (policy, diagnostics) = Load("tenant: {name: c}\ndomains: [c.example]\ntrustModelData: {add: [c.example]}\ndns: {ttl: 60}\n");
        Assert.NotNull(policy);
        Assert.Equal([DiagnosticCodes.DomainListedTwice, DiagnosticCodes.LowTtl], diagnostics.Select(d => d.Code));
        Assert.All(diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
    }
}
