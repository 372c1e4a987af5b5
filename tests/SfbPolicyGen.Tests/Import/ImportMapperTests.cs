using SfbPolicyGen.Import;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Import;

/// <summary>The mapping rules (README, "Import"): how a value is laid out as existing / defaults /
/// domains / add, which profile records are, and what is a conflict naming both places.</summary>
public sealed class ImportMapperTests : IDisposable
{
    private const string Header = FormatFacts.RegHeader + "\r\n\r\n";
    private readonly ImportTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Reg(string name, string client, string value, string hive = "HKEY_LOCAL_MACHINE") =>
        _folder.Reg(name, $"{Header}[{hive}\\{FormatFacts.PolicyKey(client)}]\r\n\"TrustModelData\"=\"{value}\"\r\n\r\n");

    private string Zone(string domain, string records) => _folder.Text($"{domain}.zone", $"$ORIGIN {domain}.\n$TTL 3600\n{records}");

    /// <summary>Value → (existing, keep, domains as written, add), each rule with a literal case, and what
    /// generate then deploys: the value, plus only the tenant's domains it lacked.</summary>
    [Theory]
    [InlineData("legacy.example,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,partner.example", "contoso.com", "legacy.example", true, "contoso.com", "partner.example", false, "legacy.example,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,partner.example")]
    [InlineData("lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com", "contoso.com", "", true, "contoso.com", "", false, "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com")]
    [InlineData("lync.com,outlook.com,woodgrove.de", "woodgrove.de", "lync.com,outlook.com", false, "woodgrove.de", "", false, "lync.com,outlook.com,woodgrove.de")]
    [InlineData("outlook.com,lync.com,lync.glbdns.microsoft.com,microsoftonline.com,b.example,a.example", "a.example,b.example", "outlook.com", true, "b.example,a.example", "", false, "outlook.com,lync.com,lync.glbdns.microsoft.com,microsoftonline.com,b.example,a.example")]
    [InlineData("contoso.com", "contoso.com", "", false, "contoso.com", "", false, "contoso.com")]
    [InlineData("lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,partner.example,contoso.com", "contoso.com", "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,partner.example,contoso.com", true, "contoso.com", "", true, "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,partner.example,contoso.com")]
    [InlineData("lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com", "contoso.com", "", true, "contoso.com", "", false, "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com")]
    [InlineData("lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,partner.example", "contoso.com,contoso.fr", "", true, "contoso.com,contoso.fr", "partner.example", false, "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,contoso.fr,partner.example")]
    public void A_value_is_laid_out_so_that_the_merge_gives_it_back(string value, string domains, string existing, bool keep, string writtenDomains, string add, bool whole, string deployed)
    {
        var entries = value.Split(',');
        var layout = TrustValueLayout.Split(entries, domains.Split(','));

        Assert.Equal(
            (existing, keep, writtenDomains, add, whole),
            (string.Join(',', layout.Existing.Select(i => entries[i])), layout.KeepMicrosoftDefaults, string.Join(',', layout.Domains), string.Join(',', layout.Add.Select(i => entries[i])), layout.Whole));
        var merged = TrustListMerger.Merge(existing.Split(',', StringSplitOptions.RemoveEmptyEntries), keep, writtenDomains.Split(','), add.Split(',', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(deployed, string.Join(',', merged));
    }

    [Fact]
    public void Two_sources_with_different_values_for_one_client_are_an_error_naming_both()
    {
        var first = Reg("first.reg", "communicator", "contoso.com");
        var second = Reg("second.reg", "communicator", "contoso.com,partner.example");

        var diagnostic = Assert.Single(ImportTestFolder.Map([first, second], ["contoso.com"]).Diagnostics);

        Assert.Equal(("SFB048", second, 4, 1), (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.Equal($"TrustModelData of communicator (HKEY_LOCAL_MACHINE) is 'contoso.com,partner.example' here but 'contoso.com' at {first}(4,1); give one value per client (or one source)", diagnostic.Message);
    }

    [Fact]
    public void The_same_value_from_two_sources_is_one_value_read_in_both_places()
    {
        var reg = Reg("a.reg", "skype2016", "contoso.com");
        var pol = _folder.File("Machine/Registry.pol", PolBytes.Of((Support.FormatFacts.PolicyKey("skype2016"), "TrustModelData", 1, PolBytes.Sz("contoso.com"))));

        var (policy, diagnostics) = ImportTestFolder.Map([reg, pol], ["contoso.com"]);

        Assert.Empty(diagnostics);
        var client = Assert.Single(policy!.Trust!.Clients);
        Assert.Equal($"{reg}(4,1); {pol} entry 1", client.Where);
    }

    [Fact]
    public void Machine_policy_wins_over_user_policy_and_clients_values_are_joined_and_both_are_said()
    {
        var machine = Reg("machine.reg", "communicator", "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com");
        var user = Reg("user.reg", "communicator", "user.example", "HKEY_CURRENT_USER");
        var skype = Reg("skype.reg", "skype2016", "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,partner.example");
        var userOnly = Reg("lync.reg", "lync2013", "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com", "HKEY_CURRENT_USER");

        var (policy, diagnostics) = ImportTestFolder.Map([machine, user, skype, userOnly], ["contoso.com"]);

        Assert.Empty(diagnostics);
        var trust = policy!.Trust!;
        Assert.Equal(["communicator", "lync2013", "skype2016"], trust.Clients.Select(c => c.Value.Id));
        Assert.Equal(["lync.com", "outlook.com", "lync.glbdns.microsoft.com", "microsoftonline.com", "contoso.com", "partner.example"], trust.Value.Select(v => v.Value));
        Assert.Equal((true, "partner.example"), (trust.KeepMicrosoftDefaults.Value, string.Join(',', trust.Add.Select(a => a.Value))));
        Assert.Contains(policy.Notes, n => n.StartsWith("communicator: HKEY_LOCAL_MACHINE", StringComparison.Ordinal) && n.Contains("so HKEY_LOCAL_MACHINE's is read", StringComparison.Ordinal));
        Assert.Contains(policy.Notes, n => n.StartsWith("lync2013: TrustModelData is read from HKEY_CURRENT_USER", StringComparison.Ordinal));
        Assert.Contains(policy.Notes, n => n.StartsWith("the clients hold different values (communicator: 5 entries", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sip CNAME sipdir.online.microsoft.com.\n", "troubleshooting", null, null, null)]
    [InlineData("sip CNAME sipdir.online.lync.com.\n", "troubleshooting", null, "sipdir.online.lync.com", null)]
    [InlineData("_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.de.\n", "teams-only", "germany", null, null)]
    [InlineData("sip CNAME sipdir.online.partner.lync.cn.\n_sip._tls SRV 100 1 443 sipdir.online.partner.lync.cn.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.partner.lync.cn.\n", "skype-online", "21vianet", null, false)]
    [InlineData("sip CNAME sipdir.online.microsoft.com.\nlyncdiscover CNAME webdir.online.lync.com.\n_sip._tls SRV 100 1 443 sipdir.online.lync.com.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n", "skype-online", "worldwide", "sipdir.online.microsoft.com", true)]
    public void Records_map_to_the_profile_that_publishes_them(string records, string profile, string? cloud, string? sipTarget, bool? lyncdiscover)
    {
        var (policy, diagnostics) = ImportTestFolder.Map([Zone("contoso.com", records)]);

        Assert.Empty(diagnostics);
        var dns = policy!.Dns!;
        Assert.Equal((profile, cloud, sipTarget, lyncdiscover, 3600), (dns.Profile.Value.YamlName(), dns.Cloud?.Value.YamlName(), dns.SipTarget?.Value, dns.Lyncdiscover?.Value, dns.Ttl.Value));
        Assert.Empty(policy.Unmapped);
    }

    [Fact]
    public void Records_no_profile_publishes_are_listed_with_why()
    {
        var zone = Zone("contoso.com", """
            @ SOA ns1 hostmaster 1 2 3 4 5
            sip CNAME sippool.contoso.com.
            _sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.
            _sip._tls SRV 10 1 443 sipdir.online.lync.com.
            lyncdiscover A 192.0.2.1
            www CNAME web.example.
            sip.other.example. CNAME sipdir.online.lync.com.

            """);

        var (policy, diagnostics) = ImportTestFolder.Map([zone]);

        Assert.Empty(diagnostics);
        Assert.Equal("teams-only", policy!.Dns!.Profile.Value.YamlName());
        Assert.Equal(
        [
            (3, "the zone's own record, not a Skype for Business one"),
            (4, "does not fit the teams-only profile the other records of contoso.com match"),
            (6, "does not fit the teams-only profile the other records of contoso.com match"),
            (7, "a record of type A; the profiles publish a CNAME at lyncdiscover"),
            (8, "not one of the names the profiles publish: sip, lyncdiscover, _sip._tls, _sipfederationtls._tcp"),
            (9, "outside the zone contoso.com."),
        ],
        policy.Unmapped.Select(u => (u.Record.At.At.Line, u.Why)));
    }

    [Fact]
    public void Zones_suggesting_two_profiles_or_two_ttls_are_errors_naming_both_places()
    {
        var a = Zone("a.example", "sip CNAME sipdir.online.microsoft.com.\n");
        var b = Zone("b.example", "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n");
        var c = Zone("c.example", "sip 300 CNAME sipdir.online.microsoft.com.\n");
        var both = Zone("d.example", "sip CNAME sipdir.online.microsoft.com.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n");

        var diagnostics = ImportTestFolder.Map([a, b, c, both]).Diagnostics;

        Assert.Equal(
        [
            (b, 3, $"the records of b.example match teams-only, cloud worldwide but those of a.example ({a}(3,1)) match troubleshooting, sip → sipdir.online.microsoft.com; one policy has one dns section for all its domains"),
            (c, 3, $"sip.c.example. CNAME has the TTL 300, but sip.a.example. CNAME ({a}(3,1)) has 3600; dns.ttl is one TTL for every record"),
            (both, 4, $"the records of d.example fit two profiles as well: troubleshooting, sip → sipdir.online.microsoft.com ({both}(3,1)) and teams-only, cloud worldwide ({both}(4,1)); no profile publishes them all: keep the records of one and import again"),
        ],
        diagnostics.Select(d => (d.File!, d.Line, d.Message)));
        Assert.All(diagnostics, d => Assert.Equal("SFB048", d.Code));
    }

    [Fact]
    public void The_tenant_is_named_from_the_first_domain()
    {
        var (policy, _) = ImportTestFolder.Map([Zone("xn--bcher-kva.example", "sip CNAME sipdir.online.microsoft.com.\n"), Zone("contoso.com", "sip CNAME sipdir.online.microsoft.com.\n")]);

        Assert.Equal(("bucher", "from the first domain, xn--bcher-kva.example (--tenant to choose)"), (policy!.Tenant, policy.TenantFrom));
        Assert.Equal(["xn--bcher-kva.example", "contoso.com"], policy.Domains.Select(d => d.Value));
    }

    [Fact]
    public void Two_gpo_backups_naming_two_gpos_are_an_error_naming_both()
    {
        const string Xml = "<GroupPolicyBackupScheme xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations\"><GroupPolicyObject><GroupPolicyCoreSettings><DisplayName>NAME</DisplayName></GroupPolicyCoreSettings></GroupPolicyObject></GroupPolicyBackupScheme>";
        var one = _folder.Text("one/Backup.xml", Xml.Replace("NAME", "One", StringComparison.Ordinal));
        var two = _folder.Text("two/Backup.xml", Xml.Replace("NAME", "Two", StringComparison.Ordinal));

        var diagnostic = Assert.Single(ImportTestFolder.Map([Path.GetDirectoryName(one)!, Path.GetDirectoryName(two)!], ["contoso.com"]).Diagnostics);

        var column = Xml.IndexOf("<DisplayName>", StringComparison.Ordinal) + 2;
        Assert.Equal(("SFB048", two, 1, column), (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.Equal($"the GPO is named 'Two' here but 'One' at {one}(1,{column}); gpo.name is one GPO", diagnostic.Message);
    }
}
