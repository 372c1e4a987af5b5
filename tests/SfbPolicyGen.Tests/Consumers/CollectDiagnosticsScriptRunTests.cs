using System.Collections;
using System.IO.Compression;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>client/Collect-SfbSignInDiagnostics.ps1 run for real (PowerShell in-process) against a
/// <see cref="ClientComputer"/>: what its zip holds and what summary.txt says, row by row, for a computer
/// where everything is right and for each fix that is not; -WhatIf writes nothing; logs older than -Days
/// or beyond the caps stay out.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class CollectDiagnosticsScriptRunTests
{
    private const string Policy = """
        tenant: {name: contoso}
        domains: [contoso.example]
        trustModelData: {clients: [skype2016], add: [sip.partner.example]}
        dns: {profile: skype-online, lyncdiscover: false}
        diagnostics: true
        """;

    private const string SkypeKey = @"HKLM:\Software\Policies\Microsoft\Office\16.0\Lync";

    private static readonly byte[] Script = InMemoryPolicy.Build(Policy)["contoso/client/Collect-SfbSignInDiagnostics.ps1"];

    /// <summary>A computer where every fix is in place.</summary>
    private static ClientComputer Healthy()
    {
        var computer = new ClientComputer();
        computer.Registry.Seed(SkypeKey, "TrustModelData", "lync.com,outlook.com,Contoso.example,sip.partner.example");
        computer.Registry.Seed(@"HKLM:\Software\Policies\Microsoft\Communicator", "TrustModelData", "lync.com");
        computer.Resolves("sip.contoso.example", "CNAME", "sipdir.online.lync.com");
        computer.Resolves("_sip._tls.contoso.example", "SRV", "sipdir.online.lync.com:443");
        computer.Resolves("_sipfederationtls._tcp.contoso.example", "SRV", "sipfed.online.lync.com.:5061");
        return computer;
    }

    /// <summary>The files of the one zip the run wrote, by their path inside its one top folder.</summary>
    private static Dictionary<string, string> Zip(ClientComputer computer)
    {
        var zip = Assert.Single(computer.Zips);
        Assert.Equal([zip], Directory.GetFileSystemEntries(computer.Output));
        using var archive = ZipFile.OpenRead(zip);
        var top = Path.GetFileNameWithoutExtension(zip);
        Assert.StartsWith("SfbSignInDiagnostics-contoso-", top, StringComparison.Ordinal);
        return archive.Entries.Where(e => e.Length > 0 || !e.FullName.EndsWith('/')).ToDictionary(
            e => e.FullName.Replace('\\', '/')[(top.Length + 1)..],
            e => new StreamReader(e.Open()).ReadToEnd(),
            StringComparer.Ordinal);
    }

    private static string[] Checks(Dictionary<string, string> zip) =>
        [.. zip["summary.txt"].Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("[check]", StringComparison.Ordinal)).Distinct()];

    [Fact]
    public void A_computer_where_everything_is_right_gets_a_summary_with_nothing_broken()
    {
        using var computer = Healthy();
        var run = computer.Run(Script);

        var zip = Zip(computer);
        Assert.Empty(run.Errors);
        Assert.Contains("Nothing looks broken.", zip["summary.txt"], StringComparison.Ordinal);
        Assert.Empty(Checks(zip));
        Assert.Contains(@"[ok]    TrustModelData of Skype for Business 2016/2019 (HKLM:\Software\Policies\Microsoft\Office\16.0\Lync) holds every domain of this tenant", zip["summary.txt"], StringComparison.Ordinal);
        Assert.Contains(@"[ok]    TrustModelData of Office Communicator 2007 R2 / Lync 2010 (HKLM:\Software\Policies\Microsoft\Communicator) = 'lync.com' (this tenant does not deploy it)", zip["summary.txt"], StringComparison.Ordinal);
        Assert.Contains("[ok]    DNS _sipfederationtls._tcp.contoso.example SRV resolves to sipfed.online.lync.com:5061", zip["summary.txt"], StringComparison.Ordinal);
        Assert.Contains("[ok]    Clock: 0.0 s from dc01 (at most 300 s)", zip["summary.txt"], StringComparison.Ordinal);
        Assert.Contains("[ok]    WinHTTP proxy: none (direct access)", zip["summary.txt"], StringComparison.Ordinal);
        Assert.Contains("[ok]    Sign-in Assistant (msoidsvc): Running", zip["summary.txt"], StringComparison.Ordinal);
        Assert.Equal(["events.csv", "proxy-netsh.txt", "summary.txt", "w32tm.txt"], zip.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["w32tm /stripchart /computer:dc01 /samples:1 /dataonly", $"Compress-Archive {Assert.Single(computer.Zips)}"], computer.Calls);
        Assert.Contains(run.Output, line => line.StartsWith("zip: ", StringComparison.Ordinal) && line.Contains("nothing was sent", StringComparison.Ordinal));
    }

    [Fact]
    public void TrustModelData_without_a_domain_of_the_tenant_is_named_with_the_trust_dialog()
    {
        using var computer = Healthy();
        computer.Registry.Seed(SkypeKey, "TrustModelData", "lync.com,outlook.com,sip.partner.example");

        computer.Run(Script);

        var zip = Zip(computer);
        Assert.Contains("1 row(s) look broken:", zip["summary.txt"], StringComparison.Ordinal);
        Assert.Equal(
            [@"[check] TrustModelData of Skype for Business 2016/2019 (HKLM:\Software\Policies\Microsoft\Office\16.0\Lync): lacks contoso.example (it holds 'lync.com,outlook.com,sip.partner.example') -> ""Cannot verify that the server is trusted for your sign-in address"""],
            Checks(zip));
    }

    [Fact]
    public void TrustModelData_not_set_names_what_the_tenant_deploys()
    {
        using var computer = Healthy();
        computer.Registry.RemoveValue(SkypeKey, "TrustModelData");

        computer.Run(Script);

        Assert.Equal(
            [@"[check] TrustModelData of Skype for Business 2016/2019 (HKLM:\Software\Policies\Microsoft\Office\16.0\Lync): not set; this tenant deploys 'lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.example,sip.partner.example' -> ""Cannot verify that the server is trusted for your sign-in address"""],
            Checks(Zip(computer)));
    }

    [Fact]
    public void DNS_that_differs_from_the_policy_is_named_with_the_server_unavailable_message()
    {
        using var computer = Healthy();
        computer.Resolves("sip.contoso.example", "CNAME", "sipdir.online.microsoft.com");
        computer.Dns.Remove("_sipfederationtls._tcp.contoso.example|SRV");
        computer.Resolves("_sip._tls.contoso.example", "SRV", "sipdir.online.lync.com:5061");

        computer.Run(Script);

        Assert.Equal(
            [
                @"[check] DNS _sip._tls.contoso.example SRV: resolves to sipdir.online.lync.com:5061; the policy wants sipdir.online.lync.com:443 -> ""The server is temporarily unavailable""",
                @"[check] DNS _sipfederationtls._tcp.contoso.example SRV: does not resolve; the policy wants sipfed.online.lync.com:5061 -> ""The server is temporarily unavailable""",
                @"[check] DNS sip.contoso.example CNAME: resolves to sipdir.online.microsoft.com; the policy wants sipdir.online.lync.com -> ""The server is temporarily unavailable""",
            ],
            Checks(Zip(computer)));
    }

    [Fact]
    public void A_clock_ten_minutes_off_is_named_with_the_clock_message()
    {
        using var computer = Healthy();
        computer.ClockOffset = -600.25;

        computer.Run(Script);

        var zip = Zip(computer);
        Assert.Equal([@"[check] Clock: -600.3 s from dc01 (at most 300 s) -> ""System clock out of sync with server clock"""], Checks(zip));
        Assert.Contains("19:00:00, -600.2500000s", zip["w32tm.txt"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_in_front_of_the_sign_in_assistant_and_a_stopped_assistant_are_named()
    {
        using var computer = Healthy();
        computer.WinHttpProxy = "proxy.contoso.example:8080";
        computer.Services["msoidsvc"] = "Stopped";
        computer.Certificate("AB12", "CN=alice@contoso.example", "CN=Communications Server", new DateTime(2020, 1, 31));

        computer.Run(Script);

        Assert.Equal(
            [
                @"[check] Sign-in Assistant (msoidsvc): Stopped -> ""Sign-in address not found""",
                @"[check] WinHTTP proxy: proxy.contoso.example:8080; the Sign-in Assistant's requests must get through it -> ""Sign-in address not found""",
                @"[check] Certificate AB12 (CN=alice@contoso.example), valid until 2020-01-31 -> ""There was a problem acquiring a personal certificate that is required to sign in""",
            ],
            Checks(Zip(computer)));
    }

    [Fact]
    public void WhatIf_lists_what_it_would_collect_and_writes_nothing()
    {
        using var computer = Healthy();
        var log = computer.Log(@"AppData\Local\Microsoft\Office\16.0\Lync\Tracing\Lync-UccApi-0.UccApilog", 1000, TimeSpan.FromHours(1));

        var run = computer.Run(Script, new Dictionary<string, object> { ["WhatIf"] = true });

        Assert.Empty(Directory.GetFileSystemEntries(computer.Output));
        Assert.Equal(["w32tm /stripchart /computer:dc01 /samples:1 /dataonly"], computer.Calls);
        Assert.Equal([$"collect: {log}", "collect: 0 event log entries, and the checks of summary.txt"], run.Output);
        Assert.Equal(1000, new FileInfo(log).Length);
    }

    [Fact]
    public void Logs_older_than_Days_or_beyond_the_caps_are_left_out_newest_first()
    {
        using var computer = Healthy();
        const string Skype = @"AppData\Local\Microsoft\Office\16.0\Lync\Tracing\";
        computer.Log(Skype + "newest.UccApilog", 700 * 1024, TimeSpan.FromHours(1));
        computer.Log(Skype + "too-big-now.UccApilog", 500 * 1024, TimeSpan.FromHours(2));
        computer.Log(@"Tracing\Communicator-uccapi-0.uccapilog", 200 * 1024, TimeSpan.FromHours(3));
        computer.Log(@"AppData\Local\Microsoft\Office\15.0\Lync\Tracing\old.UccApilog", 1024, TimeSpan.FromDays(4));
        computer.Event("Lync", 11, TimeSpan.FromHours(5), "Lync was unable to resolve the DNS hostname of the login server");
        computer.Event("Communicator", 12, TimeSpan.FromDays(4), "too old");
        computer.Event("Outlook", 13, TimeSpan.FromHours(5), "another source");

        computer.Run(Script, new Dictionary<string, object> { ["Days"] = 3, ["MaxMegabytes"] = 1 });

        var zip = Zip(computer);
        Assert.Equal(
            ["events.csv", "logs/lync2010/Communicator-uccapi-0.uccapilog", "logs/skype2016/newest.UccApilog", "proxy-netsh.txt", "summary.txt", "w32tm.txt"],
            zip.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Log files: 2 collected (0.9 MB), 1 left out by -MaxFiles or -MaxMegabytes", zip["summary.txt"], StringComparison.Ordinal);
        Assert.Contains("Lync was unable to resolve the DNS hostname of the login server", zip["events.csv"], StringComparison.Ordinal);
        Assert.DoesNotContain("too old", zip["events.csv"], StringComparison.Ordinal);
        Assert.DoesNotContain("another source", zip["events.csv"], StringComparison.Ordinal);
    }

    [Fact]
    public void MaxFiles_keeps_the_newest()
    {
        using var computer = Healthy();
        computer.Log(@"Tracing\a.uccapilog", 10, TimeSpan.FromHours(2));
        computer.Log(@"Tracing\b.uccapilog", 10, TimeSpan.FromHours(1));

        computer.Run(Script, new Dictionary<string, object> { ["MaxFiles"] = 1 });

        Assert.Contains("logs/lync2010/b.uccapilog", Zip(computer).Keys);
        Assert.DoesNotContain("logs/lync2010/a.uccapilog", Zip(computer).Keys);
    }

    /// <summary>The tables of every committed collection script, read back as PowerShell evaluates
    /// them: each client key (written here), whether the tenant deploys it, the entries it must hold, and
    /// each domain's records as the model publishes them.</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Committed_scripts_embed_the_model(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var file in ConsumerSuite.Artifacts(name, "diagnostics-script"))
        {
            var tenant = tenants[file.Tenant];
            var script = PowerShellScript.Parse(file.FullPath);
            Assert.Equal(
                FormatFacts.ClientIds.Select(id => $@"HKLM:\{FormatFacts.PolicyKey(id)} {tenant.TrustModelData.Clients.Any(c => c.Id == id)}"),
                Tables(script.Constant("trustClients")).Select(t => $"{t["Key"]} {t["Deployed"]}"));
            Assert.Equal([.. tenant.Domains, .. tenant.TrustModelData.Add], ((object[])script.Constant("requiredEntries")!).Cast<string>());
            Assert.Equal(
                tenant.SortedDomains.SelectMany(d => tenant.Dns.RecordsAt(d).Select(r => $"{r.Name}.{d} {r.Type} {r.Target} {r.Port}")),
                Tables(script.Constant("wantedRecords")).Select(t => $"{t["Name"]} {t["Type"]} {t["Target"]} {t["Port"]}"));
        }
    }

    private static IEnumerable<Hashtable> Tables(object? value) => ((object[])value!).Cast<Hashtable>();
}
