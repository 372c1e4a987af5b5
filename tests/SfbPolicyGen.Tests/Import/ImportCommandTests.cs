using System.Text;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Schema;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Import;

/// <summary><c>sfbpolicygen import</c> end to end: the file it writes (in the folder it runs in, so
/// these runs are processes of their own), what it refuses to write, and <c>--into</c>.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private const string Header = FormatFacts.RegHeader + "\r\n\r\n";
    private const string SkypeKey = @"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Office\16.0\Lync";
    private readonly ImportTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string SkypeReg(string name, string value) => _folder.Reg(name, $"{Header}[{SkypeKey}]\r\n\"TrustModelData\"=\"{value}\"\r\n\r\n");

    [Fact]
    public void Import_writes_a_commented_file_here_that_validates_against_the_schema_and_generates()
    {
        SkypeReg("TrustModelData.reg", "legacy.contoso.net,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,partner.example");
        _folder.Text("contoso.com.zone", "$ORIGIN contoso.com.\n$TTL 3600\nsip CNAME sipdir.online.lync.com.\nwww A 192.0.2.1\n");
        const string BackupXml = "<GroupPolicyBackupScheme xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations\"><GroupPolicyObject><GroupPolicyCoreSettings><DisplayName>SfB \"sign-in\"</DisplayName></GroupPolicyCoreSettings></GroupPolicyObject></GroupPolicyBackupScheme>";
        _folder.Text("{GPO}/Backup.xml", BackupXml);
        var nameColumn = BackupXml.IndexOf("<DisplayName>", StringComparison.Ordinal) + 2;

        var run = CliProcess.Run(_folder.Path, "import", "TrustModelData.reg", "contoso.com.zone", "{GPO}");

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        var text = File.ReadAllText(Path.Combine(_folder.Path, "policies.yaml"));
        Assert.StartsWith("# yaml-language-server: $schema=policies.schema.json\n", text, StringComparison.Ordinal);
        Assert.Equal(PolicySchema.Text(), File.ReadAllText(Path.Combine(_folder.Path, "policies.schema.json")));
        Assert.True(PolicySchemaCheck.IsValid(Path.Combine(_folder.Path, "policies.yaml")));
        foreach (var line in new[]
                 {
                     "  name: contoso                 # from the first domain, contoso.com (--tenant to choose)",
                     "  - contoso.com                 # contoso.com.zone(1,1)",
                     "    - skype2016                 # TrustModelData.reg(4,1)",
                     "    - legacy.contoso.net        # TrustModelData.reg(4,1) name 1",
                     "  keepMicrosoftDefaults: true   # lync.com, outlook.com, lync.glbdns.microsoft.com, microsoftonline.com: TrustModelData.reg(4,1) names 2-5",
                     "    - partner.example           # TrustModelData.reg(4,1) name 7",
                     "  profile: troubleshooting      # contoso.com.zone(3,1)",
                     "  sipTarget: sipdir.online.lync.com  # contoso.com.zone(3,1)",
                     $"  name: \"SfB \\\"sign-in\\\"\"       # {{GPO}}/Backup.xml(1,{nameColumn})",
                 })
        {
            Assert.Contains(line + "\n", text, StringComparison.Ordinal);
        }

        Assert.Contains("  dns.profile: troubleshooting  (contoso.com.zone(3,1))\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  contoso.com.zone(4,1): www.contoso.com. 3600 IN A 192.0.2.1 (not one of the names the profiles publish", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("wrote policies.yaml and policies.schema.json (tenant contoso: 1 domain(s), 1 client(s) imported, dns troubleshooting).\nnext: review it, then run 'sfbpolicygen generate policies.yaml'.\n", run.Stdout, StringComparison.Ordinal);

        var validate = CliProcess.Run(_folder.Path, "validate");
        Assert.Equal(("1 policy file(s) valid: contoso.\n", ""), (validate.Stdout, validate.Stderr));
        var generate = CliProcess.Run(_folder.Path, "generate", "--quiet");
        Assert.True(generate.Code == ExitCodes.Success, generate.ToString());
        Assert.Contains("\"TrustModelData\"=\"legacy.contoso.net,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,partner.example\"", Encoding.Unicode.GetString(File.ReadAllBytes(Path.Combine(_folder.Path, "out", "contoso", "registry", "TrustModelData.reg"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_out_writes_the_file_it_names_in_a_folder_of_tenants_and_its_header_says_so()
    {
        SkypeReg("a.reg", "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,fabrikam.com");
        _folder.Text("fabrikam.com.zone", "$ORIGIN fabrikam.com.\n$TTL 3600\nsip CNAME sipdir.online.microsoft.com.\n");

        var run = CliProcess.Run(_folder.Path, "import", "a.reg", "fabrikam.com.zone", "--out", "tenants/fabrikam.yaml");

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.EndsWith("wrote tenants/fabrikam.yaml and policies.schema.json (tenant fabrikam: 1 domain(s), 1 client(s) imported, dns troubleshooting).\nnext: review it, then run 'sfbpolicygen generate tenants/fabrikam.yaml'.\n", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "policies.yaml")));
        Assert.Equal(PolicySchema.Text(), File.ReadAllText(Path.Combine(_folder.Path, "tenants", "policies.schema.json")));
        var text = File.ReadAllText(Path.Combine(_folder.Path, "tenants", "fabrikam.yaml"));
        Assert.Contains("\n# `sfbpolicygen generate tenants/fabrikam.yaml` to write out/fabrikam/. Every key and its default: README.md.\n", text, StringComparison.Ordinal);
        Assert.Equal(("1 policy file(s) valid: fabrikam.\n", ""), (CliProcess.Run(_folder.Path, "validate", "tenants").Stdout, ""));

        var again = CliProcess.Run(_folder.Path, "import", "a.reg", "fabrikam.com.zone", "--out", "tenants/fabrikam.yaml");
        Assert.Equal((ExitCodes.InvalidInput, "sfbpolicygen: error SFB080: tenants/fabrikam.yaml exists and import never overwrites it: add to it with --into tenants/fabrikam.yaml\n"), (again.Code, again.Stderr));
        var both = CliProcess.Run(_folder.Path, "import", "a.reg", "--out", "b.yaml", "--into", "tenants/fabrikam.yaml");
        Assert.Equal((ExitCodes.InvalidInput, "sfbpolicygen: error SFB080: --out names a new policy file and --into one to add to: give one of them\n"), (both.Code, both.Stderr));
        Assert.Equal(text, File.ReadAllText(Path.Combine(_folder.Path, "tenants", "fabrikam.yaml")));
    }

    [Fact]
    public void Import_never_overwrites_a_policy_file_and_needs_a_domain()
    {
        SkypeReg("a.reg", "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com");
        var noDomain = CliProcess.Run(_folder.Path, "import", "a.reg");
        Assert.Equal(
            (ExitCodes.InvalidInput, "sfbpolicygen: error SFB080: no SIP domain: give the zone files of the tenant's domains, --server with --domain, or --domain D (the deployed value lists contoso.com)\n"),
            (noDomain.Code, noDomain.Stderr));
        Assert.False(File.Exists(Path.Combine(_folder.Path, "policies.yaml")));

        File.WriteAllText(Path.Combine(_folder.Path, "policies.yaml"), "mine\n");
        var refused = CliProcess.Run(_folder.Path, "import", "a.reg", "--domain", "contoso.com");
        Assert.Equal(ExitCodes.InvalidInput, refused.Code);
        Assert.Contains("policies.yaml exists here and import never overwrites it: add to it with --into policies.yaml", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(_folder.Path, "policies.yaml")));
    }

    /// <summary>Hostile or broken sources: each is named at its place and nothing is written.</summary>
    public static TheoryData<string, string> Hostile => new()
    {
        { "huge.zone", "huge.zone(1,1): error SFB041: the file is larger than 10 MiB" },
        { "expand.reg", "expand.reg(4,18): error SFB043: TrustModelData is REG_EXPAND_SZ (hex(2):) here" },
        { "multi.reg", "multi.reg(4,18): error SFB043: TrustModelData is REG_MULTI_SZ (hex(7):) here" },
        { "binary.reg", "binary.reg(4,18): error SFB043: TrustModelData is REG_BINARY (hex:) here" },
        { "latin1.reg", "latin1.reg(1,1): error SFB042: byte 0xE9 at offset 0 is not UTF-8" },
        { "wildcard.reg", "wildcard.reg(4,18): error SFB047: '*.partner.example', entry 1 of TrustModelData, is not a domain name policies.yaml can hold" },
        { "Machine/Registry.pol", "Machine/Registry.pol(1,1): error SFB044: entry 1, at byte 8, is not [key;value;type;size;data]" },
        { "include.zone", "include.zone(2,1): error SFB046: $INCLUDE is not followed" },
        { "paren.zone", "paren.zone(3,10): error SFB046: '(' is not closed before the end of the file" },
        { "policies-of-someone.yaml", "policies-of-someone.yaml(1,1): error SFB040: a policy file is not a source of import" },
        { "missing.reg", "missing.reg(1,1): error SFB040: file or folder not found" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_source_is_an_error_at_its_place_and_nothing_is_written(string source, string error)
    {
        WriteHostile(source);

        var run = CliProcess.Run(_folder.Path, "import", source, "--domain", "contoso.com");

        Assert.True(run.Code == ExitCodes.InvalidInput, run.ToString());
        Assert.StartsWith(error, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "policies.yaml")));
        Assert.False(File.Exists(Path.Combine(_folder.Path, "policies.schema.json")));
    }

    /// <summary>Only the source a row imports: the 10 MiB zone is written for its own row, not for all eleven.</summary>
    private void WriteHostile(string source)
    {
        switch (source)
        {
            case "huge.zone":
                _folder.File(source, new byte[SfbPolicyGen.Import.ImportSources.MaxSourceBytes + 1]);
                break;
            case "expand.reg":
                _folder.Reg(source, $"{Header}[{SkypeKey}]\r\n\"TrustModelData\"=hex(2):61,00,2e,00,62,00,00,00\r\n\r\n");
                break;
            case "multi.reg":
                _folder.Reg(source, $"{Header}[{SkypeKey}]\r\n\"TrustModelData\"=hex(7):61,00,00,00,00,00\r\n\r\n");
                break;
            case "binary.reg":
                _folder.Reg(source, $"{Header}[{SkypeKey}]\r\n\"TrustModelData\"=hex:00,01\r\n\r\n");
                break;
            case "latin1.reg":
                _folder.File(source, [0xE9, .. Encoding.ASCII.GetBytes("Windows Registry Editor Version 5.00\r\n")]);
                break;
            case "wildcard.reg":
                SkypeReg(source, "*.partner.example");
                break;
            case "Machine/Registry.pol":
                _folder.File(source, [.. "PReg"u8, 1, 0, 0, 0, 0x5B, 0x00, 0x41]);
                break;
            case "include.zone":
                _folder.Text(source, "$ORIGIN contoso.com.\n$INCLUDE /etc/passwd\n");
                break;
            case "paren.zone":
                _folder.Text(source, "$ORIGIN contoso.com.\n$TTL 60\n@ SOA ns (1 2 3 4 5\n");
                break;
            case "policies-of-someone.yaml":
                _folder.Text(source, "tenant: {name: x}\n");
                break;
            case "missing.reg":
                break; // not there, on purpose
            default:
                throw new ArgumentException($"no hostile source '{source}'", nameof(source));
        }
    }

    [Fact]
    public void Two_sources_that_disagree_are_named_and_nothing_is_written()
    {
        SkypeReg("a.reg", "contoso.com");
        SkypeReg("b.reg", "contoso.com,partner.example");

        var run = CliProcess.Run(_folder.Path, "import", "a.reg", "b.reg", "--domain", "contoso.com", "--diagnostics-format", "github");

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal("::error file=b.reg,line=4,col=1,title=SFB048::TrustModelData of skype2016 (HKEY_LOCAL_MACHINE) is 'contoso.com,partner.example' here but 'contoso.com' at a.reg(4,1); give one value per client (or one source)\n", run.Stderr);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "policies.yaml")));
    }

    [Fact]
    public void Into_adds_to_init_s_file_keeps_every_line_and_adds_nothing_twice()
    {
        var policy = Path.Combine(_folder.Path, "tenant.yaml");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("init", policy, "--tenant", "contoso", "--domain", "Contoso.com").Code);
        var before = File.ReadAllText(policy);
        var reg = SkypeReg("a.reg", "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,legacy.example");
        var zone = _folder.Text("contoso.org.zone", "$ORIGIN contoso.org.\n$TTL 3600\nsip CNAME sipdir.online.microsoft.com.\n");

        var run = CliRunner.Run("import", reg, zone, "--into", policy);

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        var after = File.ReadAllText(policy);
        Assert.True(KeepsEveryLine(before, after), after);
        Assert.Contains("\n  - Contoso.com\n  - contoso.org                 # " + zone + "(1,1)\n", after, StringComparison.Ordinal);
        // After the domains in the deployed value, so in add, as printed: in existing it would move first.
        Assert.Contains("\n  existing: []\n", after, StringComparison.Ordinal);
        Assert.Contains($"  # imported: legacy.example ({reg}(4,1) name 6)\n  add: [legacy.example]", after, StringComparison.Ordinal);
        Assert.Contains($"+++ b/{policy}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+  - contoso.org ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"added 2 value(s) to {policy}:\n  domains: + contoso.org ({zone}(1,1))\n  trustModelData.add: + legacy.example ({reg}(4,1) name 6)\n", run.Stdout, StringComparison.Ordinal);

        var again = CliRunner.Run("import", reg, zone, "--into", policy);
        Assert.True(again.Code == ExitCodes.Success, again.ToString());
        Assert.EndsWith($"nothing to add: {policy} already holds everything imported.\n", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(after, File.ReadAllText(policy));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("validate", policy).Code);
    }

    [Fact]
    public void Into_appends_to_block_lists_and_adds_missing_keys_and_sections_with_their_origin()
    {
        const string Info = "<BackupInst xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest\"><GPODisplayName>SfB</GPODisplayName></BackupInst>";
        var policy = _folder.Text("tenant.yaml", """
            # My tenant.
            tenant:
              name: contoso   # keep this comment
            domains:
                -   contoso.com
            trustModelData:
              existing:
                - old.example     # from the 2019 rollout
            dns: {ttl: 3600}
            """);
        var reg = SkypeReg("a.reg", "old.example,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,new.example");
        var zone = _folder.Text("contoso.com.zone", "$ORIGIN contoso.com.\n$TTL 3600\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n");
        _folder.Text("{GPO}/bkupInfo.xml", Info);

        var run = CliRunner.Run("import", reg, zone, Path.Combine(_folder.Path, "{GPO}"), "--into", policy);

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        var text = File.ReadAllText(policy);
        var gpoAt = $"{_folder.Path}/{{GPO}}/bkupInfo.xml(1,{Info.IndexOf("<GPODisplayName>", StringComparison.Ordinal) + 2})";
        Assert.Equal($$"""
            # My tenant.
            tenant:
              name: contoso   # keep this comment
            domains:
                -   contoso.com
            trustModelData:
              existing:
                - old.example     # from the 2019 rollout
              clients:
                - communicator              # the default of trustModelData.clients, kept
                - skype2016                 # {{reg}}(4,1)
              add:
                - new.example               # {{reg}}(4,1) name 7
            # imported: profile ({{zone}}(3,1))
            dns: {ttl: 3600, profile: teams-only}

            gpo:
              name: "SfB"                   # {{gpoAt}}

            """, text);
        var loaded = SfbPolicyGen.Generator.LoadAll([policy], new DiagnosticBag()).Tenants.Single();
        Assert.Equal("SfB", loaded.Gpo.Name);
        Assert.Equal("old.example,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,new.example", string.Join(",", loaded.TrustModelData.Value));
        Assert.Equal(SfbPolicyGen.Model.DnsProfile.TeamsOnly, loaded.Dns.Profile);
    }

    [Theory]
    [InlineData("domains: [contoso.com,\n  contoso.fr]\n", "p.yaml(2,10): error SFB049: 'domains' is a [ ] list over several lines")]
    [InlineData("domains: [contoso.com]\ndns:\n  profile: skype-online\n  lyncdiscover: false\n", "p.yaml(4,12): error SFB049: the file sets dns.profile to skype-online here, but the import read troubleshooting at")]
    [InlineData("domains: [contoso.com]\ngpo: {name: Other GPO}\n", "p.yaml(3,13): error SFB049: the file sets gpo.name to \"Other GPO\" here, but the import read \"SfB\" at")]
    public void Into_refuses_what_it_cannot_add_safely_and_changes_nothing(string yaml, string error)
    {
        var policy = _folder.Text("p.yaml", "tenant: {name: contoso}\n" + yaml);
        var before = File.ReadAllBytes(policy);
        var zone = _folder.Text("contoso.org.zone", "$ORIGIN contoso.org.\n$TTL 3600\nsip CNAME sipdir.online.microsoft.com.\n");
        _folder.Text("{GPO}/bkupInfo.xml", "<BackupInst xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest\"><GPODisplayName>SfB</GPODisplayName></BackupInst>");

        var run = CliRunner.Run("import", zone, Path.Combine(_folder.Path, "{GPO}"), "--into", policy);

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.StartsWith(error, run.Stderr.Replace(_folder.Path + "/", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(policy));
    }

    /// <summary>The names import keeps go to dns.keep: after the last entry of a block list (those the file
    /// keeps already, for one domain or all, are not listed twice), or as a new key of init's dns section;
    /// a second run adds nothing.</summary>
    [Fact]
    public void Into_adds_the_names_it_keeps_to_dns_keep_once()
    {
        var policy = _folder.Text("p.yaml", """
            tenant: {name: contoso}
            domains: [contoso.com, contoso.net]
            dns:
              profile: skype-online
              lyncdiscover: true
              keep:
                - _sip._tls.contoso.net     # the old edge
            """);
        var hybrid = _folder.Text("contoso.com.zone", "$ORIGIN contoso.com.\n$TTL 3600\nsip CNAME sipexternal.contoso.com.\nlyncdiscover CNAME webdir.online.lync.com.\n_sip._tls SRV 100 1 443 sipdir.online.lync.com.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n");
        var edge = _folder.Text("contoso.net.zone", "$ORIGIN contoso.net.\n$TTL 3600\nsip CNAME sipexternal.contoso.net.\n_sip._tls SRV 100 1 443 sipexternal.contoso.net.\n");
        var init = Path.Combine(_folder.Path, "init.yaml");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("init", init, "--tenant", "contoso", "--domain", "contoso.net").Code);

        var run = CliRunner.Run("import", hybrid, edge, "--into", policy);
        var intoInit = CliRunner.Run("import", edge, "--into", init);

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.Equal($$"""
            tenant: {name: contoso}
            domains: [contoso.com, contoso.net]
            dns:
              profile: skype-online
              lyncdiscover: true
              keep:
                - _sip._tls.contoso.net     # the old edge
                - sip.contoso.com           # {{hybrid}}(3,1): CNAME sipexternal.contoso.com., not Microsoft's: an on-premises, hybrid or other server; the skype-online profile wants CNAME sipdir.online.lync.com. alone here
                - sip.contoso.net           # {{edge}}(3,1): CNAME sipexternal.contoso.net., not Microsoft's: an on-premises, hybrid or other server; the skype-online profile wants CNAME sipdir.online.lync.com. alone here

            """, File.ReadAllText(policy));
        Assert.Contains($"  dns.keep: + sip.contoso.com ({hybrid}(3,1): CNAME sipexternal.contoso.com., not Microsoft's", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"note: {edge} holds nothing at _sipfederationtls._tcp, lyncdiscover of contoso.net: the DNS files add the skype-online profile's records there", run.Stdout, StringComparison.Ordinal);
        Assert.True(intoInit.Code == ExitCodes.Success, intoInit.ToString());
        Assert.Contains($"""
              ttl: 3600
              keep:
                - _sip._tls.contoso.net     # {edge}(4,1): SRV 100 1 443 sipexternal.contoso.net., not Microsoft's: an on-premises, hybrid or other server; no profile is read from the zones
                - sip.contoso.net           # {edge}(3,1): CNAME sipexternal.contoso.net., not Microsoft's: an on-premises, hybrid or other server; no profile is read from the zones
              # The French article gives
            """, File.ReadAllText(init), StringComparison.Ordinal);

        var again = CliRunner.Run("import", hybrid, edge, "--into", policy);
        Assert.EndsWith($"nothing to add: {policy} already holds everything imported.\n", again.Stdout, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (CliRunner.Run("validate", policy).Code, CliRunner.Run("validate", init).Code));
    }

    /// <summary>A name import keeps that the file's dns.manage takes over is refused at the entry, naming the
    /// records and what the DNS files would do to them: replace a Microsoft record of another cloud, or
    /// remove one the profile does not publish (issue 20: a planned deletion of a live record).</summary>
    [Theory]
    [InlineData(
        "dns:\n  profile: skype-online\n  lyncdiscover: true\n  manage:\n    - lyncdiscover\n    - _sipfederationtls._tcp\n",
        "sip CNAME sipdir.online.lync.com.\nlyncdiscover CNAME webdir.online.lync.com.\n_sip._tls SRV 100 1 443 sipdir.online.lync.com.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.de.\n",
        "p.yaml(8,7): error SFB049: dns.manage '_sipfederationtls._tcp' takes over _sipfederationtls._tcp.contoso.com., where contoso.com.zone(6,1) holds SRV 100 1 5061 sipfed.online.lync.de.; the DNS files would replace SRV 100 1 5061 sipfed.online.lync.de. with SRV 100 1 5061 sipfed.online.lync.com.: a planned deletion of a live record. Import keeps that name (Microsoft's; the skype-online profile wants SRV 100 1 5061 sipfed.online.lync.com. alone here): take the entry out of dns.manage (or narrow it to other domains) and import again\n")]
    [InlineData(
        "dns: {profile: teams-only, manage: [lyncdiscover.contoso.com]}\n",
        "lyncdiscover CNAME webdir.online.lync.com.\n_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n",
        "p.yaml(3,37): error SFB049: dns.manage 'lyncdiscover.contoso.com' takes over lyncdiscover.contoso.com., where contoso.com.zone(3,1) holds CNAME webdir.online.lync.com.; the DNS files would remove CNAME webdir.online.lync.com.: a planned deletion of a live record. Import keeps that name (Microsoft's; the teams-only profile publishes nothing here): take the entry out of dns.manage (or narrow it to other domains) and import again\n")]
    public void Into_refuses_to_keep_a_name_dns_manage_takes_over(string dns, string records, string error)
    {
        var policy = _folder.Text("p.yaml", "tenant: {name: contoso}\ndomains: [contoso.com]\n" + dns);
        var before = File.ReadAllBytes(policy);
        var zone = _folder.Text("contoso.com.zone", "$ORIGIN contoso.com.\n$TTL 3600\n" + records);

        var run = CliRunner.Run("import", zone, "--into", policy);

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal(error, run.Stderr.Replace(_folder.Path + "/", "", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(policy));
    }

    [Fact]
    public void Into_compares_names_after_normalisation()
    {
        var policy = _folder.Text("p.yaml", "tenant: {name: b}\ndomains:\n  - B\u00dcCHER.example.\ntrustModelData:\n  clients: [skype2016]\n  existing: [LEGACY.example]\n");
        var reg = SkypeReg("a.reg", "legacy.example,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,xn--bcher-kva.example");

        var run = CliRunner.Run("import", reg, "--domain", "bücher.example", "--into", policy);

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.EndsWith("nothing to add: " + policy + " already holds everything imported.\n", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Every line of <paramref name="before"/> is in <paramref name="after"/>, in the same order;
    /// a one-line [ ] list may have grown (compared up to its '[').</summary>
    private static bool KeepsEveryLine(string before, string after)
    {
        static string UpToList(string line) => line.Contains('[', StringComparison.Ordinal) ? line[..line.IndexOf('[', StringComparison.Ordinal)] : line;
        using var lines = after.Split('\n').Select(UpToList).GetEnumerator();
        return before.Split('\n').Select(UpToList).All(line =>
        {
            while (lines.MoveNext())
            {
                if (lines.Current == line)
                {
                    return true;
                }
            }

            return false;
        });
    }
}
