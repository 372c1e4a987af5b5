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

    /// <summary>Every record the rule counts at the tool's names is explained by the profile or kept;
    /// only the others are not imported, each with why.</summary>
    [Fact]
    public void Records_at_the_tool_s_names_are_kept_and_the_others_listed_with_why()
    {
        var zone = Zone("contoso.com", """
            @ SOA ns1 hostmaster 1 2 3 4 5
            sip CNAME sippool.contoso.com.
            _sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.
            _sip._tls SRV 10 1 443 sipdir.online.lync.com.
            lyncdiscover A 192.0.2.1
            www CNAME web.example.
            sip.other.example. CNAME sipdir.online.lync.com.
            _sipfederationtls._tcp TXT "v=spf1 -all"
            _sipfederationtls._tcp SRV 100 1 5061 SIPFED.online.lync.com.
            _sipfederationtls._tcp CH SRV 100 1 5061 sipfed.online.lync.com.

            """);

        var (policy, diagnostics) = ImportTestFolder.Map([zone]);

        Assert.Empty(diagnostics);
        Assert.Equal("teams-only", policy!.Dns!.Profile.Value.YamlName());
        Assert.Equal(
        [
            ("_sip._tls.contoso.com", $"{zone}(6,1)", "Microsoft's; the teams-only profile publishes nothing here"),
            ("lyncdiscover.contoso.com", $"{zone}(7,1)", "not Microsoft's: an on-premises, hybrid or other server; the teams-only profile publishes nothing here"),
            ("sip.contoso.com", $"{zone}(4,1)", "not Microsoft's: an on-premises, hybrid or other server; the teams-only profile publishes nothing here"),
        ],
        policy.Kept.Select(k => (k.Scope.ToString(), k.Where, k.Why)));
        Assert.Equal(
        [
            (3, "the zone's own record, not a Skype for Business one"),
            (8, "not one of the names the profiles publish: sip, lyncdiscover, _sip._tls, _sipfederationtls._tcp"),
            (9, "outside the zone contoso.com."),
            (10, "a TXT record at _sipfederationtls._tcp, where the profiles publish an SRV: it keeps no SRV out, and no DNS file changes it"),
            (11, "the same record again; a server holds it once"),
            (12, "class CH; the tool's DNS files read and change class IN only"),
        ],
        policy.Unmapped.Select(u => (u.Record.At.At.Line, u.Why)));
    }

    /// <summary>Issue 20's zones: the profile that explains the most records, and the names it does not
    /// explain kept, so that deploying it changes none of them.</summary>
    [Theory]
    [InlineData("hybrid", "sip CNAME sipexternal.contoso.com.|lyncdiscover CNAME webdir.online.lync.com.|_sip._tls SRV 100 1 443 sipdir.online.lync.com.|_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.", "skype-online", "worldwide", true, "sip")]
    [InlineData("on-premises edge", "sip CNAME sipexternal.contoso.com.|lyncdiscover CNAME lyncdiscover.contoso.com.|_sip._tls SRV 100 1 443 sipexternal.contoso.com.|_sipfederationtls._tcp SRV 100 1 5061 sipexternal.contoso.com.", null, null, null, "_sip._tls,_sipfederationtls._tcp,lyncdiscover,sip")]
    [InlineData("mixed cloud", "sip CNAME sipdir.online.lync.com.|lyncdiscover CNAME webdir.online.lync.com.|_sip._tls SRV 100 1 443 sipdir.online.lync.com.|_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.de.", "skype-online", "worldwide", true, "_sipfederationtls._tcp")]
    [InlineData("on-premises lyncdiscover", "sip CNAME sipdir.online.lync.com.|lyncdiscover CNAME lyncdiscover.contoso.com.|_sip._tls SRV 100 1 443 sipdir.online.lync.com.|_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.", "skype-online", "worldwide", false, "lyncdiscover")]
    [InlineData("an edge SRV beside Microsoft's", "sip CNAME sipdir.online.lync.com.|lyncdiscover CNAME webdir.online.lync.com.|_sip._tls SRV 100 1 443 sipdir.online.lync.com.|_sip._tls SRV 10 5 443 edge.contoso.com.|_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.", "skype-online", "worldwide", true, "_sip._tls")]
    [InlineData("a sip A record", "sip A 192.0.2.20|_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.", "teams-only", "worldwide", null, "sip")]
    public void A_profile_is_chosen_and_the_names_it_does_not_explain_are_kept(string zone, string records, string? profile, string? cloud, bool? lyncdiscover, string kept)
    {
        var (policy, diagnostics) = ImportTestFolder.Map([Zone("contoso.com", records.Replace('|', '\n') + "\n")]);

        Assert.True(diagnostics.Count == 0, zone);
        Assert.Equal((profile, cloud, lyncdiscover), (policy!.Dns?.Profile.Value.YamlName(), policy.Dns?.Cloud?.Value.YamlName(), policy.Dns?.Lyncdiscover?.Value));
        Assert.Equal(kept.Split(',').Select(n => $"{n}.contoso.com"), policy.Kept.Select(k => k.Scope.ToString()));
        Assert.Empty(policy.Unmapped);
    }

    /// <summary>Zones that match different profiles stay an error, keeping or not: b's federation SRV alone
    /// is teams-only, which explains nothing of a's. d alone fits two readings as well; beside a, whose
    /// reading is one of them, it is read as a is (its federation SRV kept).</summary>
    [Fact]
    public void Zones_suggesting_two_profiles_or_two_ttls_are_errors_naming_both_places()
    {
        var a = Zone("a.example", "sip CNAME sipdir.online.microsoft.com.\n");
        var b = Zone("b.example", "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n");
        var c = Zone("c.example", "sip 300 CNAME sipdir.online.microsoft.com.\n");
        var both = Zone("d.example", "sip CNAME sipdir.online.microsoft.com.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n");

        var diagnostics = ImportTestFolder.Map([a, b, c, both]).Diagnostics.Concat(ImportTestFolder.Map([both]).Diagnostics).ToList();
        var (beside, besideDiagnostics) = ImportTestFolder.Map([a, both]);

        Assert.Equal(
        [
            (b, 3, $"the records of b.example match teams-only, cloud worldwide but those of a.example ({a}(3,1)) match troubleshooting, sip → sipdir.online.microsoft.com; one policy has one dns section for all its domains"),
            (c, 3, $"sip.c.example. CNAME has the TTL 300, but sip.a.example. CNAME ({a}(3,1)) has 3600; dns.ttl is one TTL for every record"),
            (both, 4, $"the records of d.example fit two profiles as well: troubleshooting, sip → sipdir.online.microsoft.com ({both}(3,1)) and teams-only, cloud worldwide ({both}(4,1)); no rule chooses between them: import without this zone, then write its dns section by hand (the other's names in dns.keep)"),
        ],
        diagnostics.Select(d => (d.File!, d.Line, d.Message)));
        Assert.All(diagnostics, d => Assert.Equal("SFB048", d.Code));
        Assert.Empty(besideDiagnostics);
        Assert.Equal(("troubleshooting", "_sipfederationtls._tcp.d.example"), (beside!.Dns!.Profile.Value.YamlName(), Assert.Single(beside.Kept).Scope.ToString()));
    }

    /// <summary>Keeping resolves zones that differ only in what one reading keeps (a hybrid zone's sip, a
    /// federation SRV left in another cloud, an on-premises zone), never zones of two clouds; a zone no
    /// reading reads gets the profile's records where it holds nothing, and the note says which.</summary>
    [Fact]
    public void Zones_read_as_one_profile_keep_what_it_does_not_explain_and_two_clouds_stay_an_error()
    {
        const string Skype = "sip CNAME sipdir.online.lync.com.\nlyncdiscover CNAME webdir.online.lync.com.\n_sip._tls SRV 100 1 443 sipdir.online.lync.com.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n";
        var full = Zone("a.example", Skype);
        var hybrid = Zone("b.example", Skype.Replace("sip CNAME sipdir.online.lync.com.", "sip CNAME pool.b.example.", StringComparison.Ordinal));
        var leftover = Zone("c.example", Skype.Replace("sipfed.online.lync.com.", "sipfed.online.lync.de.", StringComparison.Ordinal));
        var edge = Zone("d.example", "sip CNAME edge.d.example.\n_sipfederationtls._tcp SRV 100 1 5061 edge.d.example.\n");
        var empty = Zone("e.example", "www A 192.0.2.1\n");
        var germany = Zone("f.example", "sip CNAME sipdir.online.lync.de.\nlyncdiscover CNAME webdir.online.skype.de.\n_sip._tls SRV 100 1 443 sipdir.online.lync.de.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.de.\n");

        var (policy, diagnostics) = ImportTestFolder.Map([full, hybrid, leftover, edge, empty]);
        var twoClouds = ImportTestFolder.Map([full, germany]).Diagnostics;

        Assert.Empty(diagnostics);
        Assert.Equal(("skype-online", "worldwide", true), (policy!.Dns!.Profile.Value.YamlName(), policy.Dns.Cloud!.Value.YamlName(), policy.Dns.Lyncdiscover!.Value));
        Assert.Equal(["sip.b.example", "_sipfederationtls._tcp.c.example", "_sipfederationtls._tcp.d.example", "sip.d.example"], policy.Kept.Select(k => k.Scope.ToString()));
        Assert.Equal<string>(
        [
            $"{edge} holds nothing at _sip._tls, lyncdiscover of d.example: the DNS files add the skype-online profile's records there (_sip._tls SRV 100 1 443 sipdir.online.lync.com.; lyncdiscover CNAME webdir.online.lync.com.)",
            $"{empty} holds nothing at _sip._tls, _sipfederationtls._tcp, lyncdiscover, sip of e.example: the DNS files add the skype-online profile's records there (_sip._tls SRV 100 1 443 sipdir.online.lync.com.; _sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.; lyncdiscover CNAME webdir.online.lync.com.; sip CNAME sipdir.online.lync.com.)",
        ],
        policy.Notes);
        var error = Assert.Single(twoClouds);
        Assert.Equal(("SFB048", germany, 3), (error.Code, error.File, error.Line));
        Assert.StartsWith("the records of f.example match skype-online, cloud germany, sip → sipdir.online.lync.de, lyncdiscover true but those of a.example", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The check import runs on the policy file before writing it: what deploying a policy as a
    /// first deployment would do to the zone's records, by the one rule. The file import writes does none
    /// of it; without its dns.keep, or with a dns.manage entry or another TTL, a policy would.</summary>
    [Fact]
    public void The_check_names_what_deploying_a_policy_would_change_of_the_zone_s_records()
    {
        var zone = Zone("contoso.com", "sip CNAME sipexternal.contoso.com.\nlyncdiscover CNAME webdir.online.lync.com.\n_sip._tls SRV 100 1 443 sipdir.online.lync.com.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n");
        var imported = ImportTestFolder.Map([zone]).Policy!;
        string? Changes(string dns)
        {
            var diagnostics = new SfbPolicyGen.Diagnostics.DiagnosticBag();
            var policy = SfbPolicyGen.Loading.PolicyLoader.Load("p.yaml", System.Text.Encoding.UTF8.GetBytes($"tenant: {{name: contoso}}\ndomains: [contoso.com]\ndns: {dns}\n"), diagnostics);
            Assert.True(policy is not null, string.Join('\n', diagnostics.Sorted()));
            return ImportedPolicyCheck.Changes(policy, imported)?.Replace(zone, "zone", StringComparison.Ordinal);
        }

        Assert.Null(Changes("{profile: skype-online, lyncdiscover: true, keep: [sip.contoso.com]}"));
        Assert.Equal("deploying it conflicts with CNAME sipexternal.contoso.com. at sip.contoso.com. (zone(3,1))", Changes("{profile: skype-online, lyncdiscover: true}"));
        Assert.Equal(
            "deploying it leaves SRV 100 1 443 sipdir.online.lync.com. unwanted at _sip._tls.contoso.com. (zone(5,1)); removes CNAME webdir.online.lync.com. at lyncdiscover.contoso.com. (zone(4,1))",
            Changes("{profile: teams-only, manage: [lyncdiscover], keep: [sip]}"));
        Assert.StartsWith("deploying it sets the TTL of SRV 100 1 443 sipdir.online.lync.com. at _sip._tls.contoso.com. (zone(5,1)); ", Changes("{profile: skype-online, lyncdiscover: true, ttl: 300, keep: [sip]}"), StringComparison.Ordinal);
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
