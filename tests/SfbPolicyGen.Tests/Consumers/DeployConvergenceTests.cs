using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Configuration as code removes what a line no longer says (issue 11): each deploy script is
/// generated from an "old" policy and a "new" one written here, run old then new against the stand-ins
/// (<see cref="WindowsStandIns"/>), and the state must be exactly what the new policy wants, written
/// out literally below; then a second run changes nothing, and the new script under -WhatIf over the old
/// state changes nothing.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class DeployConvergenceTests
{
    private const string Gpo = "Skype for Business sign-in (contoso)";
    private const string Defaults = "lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com";
    private const string Communicator = @"Software\Policies\Microsoft\Communicator";
    private const string Lync2013 = @"Software\Policies\Microsoft\Office\15.0\Lync";
    private const string Skype2016 = @"Software\Policies\Microsoft\Office\16.0\Lync";

    /// <summary>Three clients, two domains, an existing entry and a partner in add.</summary>
    private const string OldTrust = """
        tenant: {name: contoso}
        domains: [contoso.com, contoso.fr]
        trustModelData:
          clients: [communicator, lync2013, skype2016]
          existing: [legacy.contoso.net]
          add: [sip.partner-a.example]
        """;

    /// <summary>lync2013 dropped from clients, skype2016 retired, contoso.fr retired.</summary>
    private const string NewTrust = """
        tenant: {name: contoso}
        domains: [contoso.com]
        trustModelData:
          clients: [communicator]
          existing: [legacy.contoso.net]
          add: [sip.partner-a.example]
        retired:
          domains: [contoso.fr]
          clients: [skype2016]
        """;

    [Fact]
    public void Gpo_script_removes_dropped_and_retired_clients_from_its_own_gpo_only()
    {
        var state = new WindowsState();
        state.GroupPolicy.Seed("Another team's GPO").Set($@"HKLM\{Skype2016}", "TrustModelData", "someone.else.example");

        var (_, again) = Converge("gpo/Set-TrustModelDataGpo.ps1", OldTrust, NewTrust, state, afterOld: s =>
            Assert.Equal(3, s.GroupPolicy.ByName(Gpo)!.Settings.Count));

        Assert.Equal(
        [
            $@"GPO 'Another team's GPO' HKEY_LOCAL_MACHINE\{Skype2016}\TrustModelData=String:someone.else.example",
            $@"GPO '{Gpo}' HKEY_LOCAL_MACHINE\{Communicator}\TrustModelData=String:legacy.contoso.net,{Defaults},contoso.com,sip.partner-a.example",
        ], state.Lines());
        Assert.StartsWith($"0 change(s) to GPO '{Gpo}'.", again.Output[^1], StringComparison.Ordinal);
    }

    /// <summary>The machine held an existing entry and a partner's entry nobody declared. Listed clients
    /// lose the retired domain; the retired client keeps all but the tenant's own entries; the client
    /// dropped without being retired loses the retired domain only (a retired domain goes from every
    /// value), and the rest of its value is not this script's to touch.</summary>
    [Fact]
    public void Appender_takes_back_retired_domains_and_clients_and_keeps_what_others_put_there()
    {
        var state = new WindowsState();
        state.Registry
            .Seed($@"HKLM:\{Communicator}", "TrustModelData", "legacy.contoso.net,partner-b.example")
            .Seed($@"HKLM:\{Skype2016}", "TrustModelData", "partner-b.example")
            .Seed($@"HKLM:\{Skype2016}", "EnableAutoUpdate", "1", "DWord");

        var (_, again) = Converge("registry/Add-TrustModelData.ps1", OldTrust, NewTrust, state, afterOld: s =>
            Assert.Equal($"legacy.contoso.net,partner-b.example,{Defaults},contoso.com,contoso.fr,sip.partner-a.example", s.Registry.Value($@"HKLM:\{Communicator}", "TrustModelData")!.Data));

        Assert.Equal(
        [
            $@"HKLM:\{Communicator}\TrustModelData=String:legacy.contoso.net,partner-b.example,{Defaults},contoso.com,sip.partner-a.example",
            $@"HKLM:\{Lync2013}\TrustModelData=String:legacy.contoso.net,{Defaults},contoso.com,sip.partner-a.example",
            $@"HKLM:\{Skype2016}\EnableAutoUpdate=DWord:1",
            $@"HKLM:\{Skype2016}\TrustModelData=String:partner-b.example,legacy.contoso.net,{Defaults}",
        ], state.Lines());
        Assert.Equal(
        [
            $@"unchanged HKLM:\{Communicator}: every domain is already trusted and no retired one is",
            $@"unchanged HKLM:\{Skype2016}: no entry of this tenant (retired client)",
        ], again.Output);
    }

    /// <summary>What a retired client's value keeps is Microsoft's defaults only: the value itself goes,
    /// the key's other values stay.</summary>
    [Fact]
    public void Appender_removes_a_retired_client_value_left_with_microsoft_defaults_only()
    {
        const string old = "tenant: {name: contoso}\ndomains: [contoso.com]\ntrustModelData: {clients: [communicator, skype2016]}\n";
        const string @new = "tenant: {name: contoso}\ndomains: [contoso.com]\ntrustModelData: {clients: [communicator]}\nretired: {clients: [skype2016]}\n";
        var state = new WindowsState();
        state.Registry.Seed($@"HKLM:\{Skype2016}", "EnableAutoUpdate", "1", "DWord");

        var (run, again) = Converge("registry/Add-TrustModelData.ps1", old, @new, state);

        Assert.Equal(
        [
            $@"HKLM:\{Communicator}\TrustModelData=String:{Defaults},contoso.com",
            $@"HKLM:\{Skype2016}\EnableAutoUpdate=DWord:1",
        ], state.Lines());
        Assert.Contains($@"removed HKLM:\{Skype2016}\TrustModelData (retired client; it held '{Defaults},contoso.com')", run.Output);
        Assert.Contains($@"unchanged HKLM:\{Skype2016}: no TrustModelData (retired client)", again.Output);
    }

    [Fact]
    public void Dns_script_follows_a_profile_change_from_skype_online_to_teams_only()
    {
        var state = Zones("contoso.com");

        Converge("dns/Add-DnsServerRecords.ps1", Dns("contoso.com", "skype-online"), Dns("contoso.com", "teams-only"), state, DnsServerScriptRunTests.OnServer,
            afterOld: s => Assert.Equal(6, s.Dns.Lines().Count()));

        Assert.Equal(
        [
            "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 100 1 5061 sipfed.online.lync.com.",
            "contoso.com. 3600 IN MX 10 mail.contoso.com.",
            "www.contoso.com. 3600 IN A 192.0.2.10",
        ], state.Dns.Lines());
    }

    [Fact]
    public void Dns_script_follows_a_cloud_change_from_worldwide_to_germany()
    {
        var state = Zones("contoso.com");

        Converge("dns/Add-DnsServerRecords.ps1", Dns("contoso.com", "skype-online"), Dns("contoso.com", "skype-online", "germany"), state, DnsServerScriptRunTests.OnServer);

        Assert.Equal(
        [
            "_sip._tls.contoso.com. 3600 IN SRV 100 1 443 sipdir.online.lync.de.",
            "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 100 1 5061 sipfed.online.lync.de.",
            "contoso.com. 3600 IN MX 10 mail.contoso.com.",
            "lyncdiscover.contoso.com. 3600 IN CNAME webdir.online.skype.de.",
            "sip.contoso.com. 3600 IN CNAME sipdir.online.lync.de.",
            "www.contoso.com. 3600 IN A 192.0.2.10",
        ], state.Dns.Lines());
    }

    /// <summary>After the old run someone pointed contoso.fr's lyncdiscover at an on-premises server: once
    /// contoso.fr is retired its Microsoft records go, that one stays (it is not the tool's), and so do the
    /// zone's other records; nothing is in conflict where nothing is wanted.</summary>
    [Fact]
    public void Dns_script_removes_a_retired_domain_s_microsoft_records_and_reports_the_others()
    {
        var state = Zones("contoso.com", "contoso.fr");
        var old = Dns("contoso.com, contoso.fr", "skype-online");
        var @new = Dns("contoso.com", "skype-online") + "retired: {domains: [contoso.fr]}\n";

        var (run, again) = Converge("dns/Add-DnsServerRecords.ps1", old, @new, state, DnsServerScriptRunTests.OnServer, afterOld: s =>
        {
            s.Dns.Remove("contoso.fr", DnsServerRecord.CName("lyncdiscover", "webdir.online.lync.com."));
            s.Dns.Add("contoso.fr", DnsServerRecord.CName("lyncdiscover", "lyncdiscover.onprem.contoso.net."));
        });

        Assert.Equal(
        [
            "_sip._tls.contoso.com. 3600 IN SRV 100 1 443 sipdir.online.lync.com.",
            "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 100 1 5061 sipfed.online.lync.com.",
            "contoso.com. 3600 IN MX 10 mail.contoso.com.",
            "contoso.fr. 3600 IN MX 10 mail.contoso.fr.",
            "lyncdiscover.contoso.com. 3600 IN CNAME webdir.online.lync.com.",
            "lyncdiscover.contoso.fr. 3600 IN CNAME lyncdiscover.onprem.contoso.net.",
            "sip.contoso.com. 3600 IN CNAME sipdir.online.lync.com.",
            "www.contoso.com. 3600 IN A 192.0.2.10",
            "www.contoso.fr. 3600 IN A 192.0.2.10",
        ], state.Dns.Lines());
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Warnings);
        Assert.Contains("removed sip.contoso.fr: CNAME sipdir.online.lync.com. (this tool's; policies.yaml no longer wants it here)", run.Output);
        Assert.DoesNotContain(run.Output, l => l.Contains("lyncdiscover.contoso.fr", StringComparison.Ordinal));
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public void Dns_script_skips_a_retired_domain_whose_zone_the_server_does_not_hold()
    {
        var state = Zones("contoso.com");
        var @new = Dns("contoso.com", "teams-only") + "retired: {domains: [contoso.fr]}\n";

        var run = WindowsStandIns.Run(InMemoryPolicy.Build(@new)["contoso/dns/Add-DnsServerRecords.ps1"], state, DnsServerScriptRunTests.OnServer);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"skipped contoso.fr: {DnsServerScriptRunTests.Server} holds no such zone (a retired domain: nothing to remove)", run.Output);
        Assert.Contains("_sipfederationtls._tcp.contoso.com. 3600 IN SRV 100 1 5061 sipfed.online.lync.com.", state.Dns.Lines());
    }

    /// <summary>A tenant's zone the server does not hold is a fault to fix (exit 1), not a silent skip.</summary>
    [Fact]
    public void Dns_script_reports_a_tenant_zone_the_server_does_not_hold()
    {
        var state = Zones("contoso.com");

        var run = WindowsStandIns.Run(InMemoryPolicy.Build(Dns("contoso.com, contoso.fr", "teams-only"))["contoso/dns/Add-DnsServerRecords.ps1"], state, DnsServerScriptRunTests.OnServer);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"missing zone contoso.fr on {DnsServerScriptRunTests.Server}: its records were not added", run.Warnings);
    }

    /// <summary>Targets compare without case and with or without their final dot, as DNS names do: a
    /// wanted record written otherwise is kept, a Microsoft one the tool did not publish is still
    /// recognised as Microsoft's (and left in place, said so); an A record at a name where a CNAME belongs
    /// blocks it and is reported.</summary>
    [Fact]
    public void Dns_script_compares_targets_without_case_or_final_dot_and_reports_what_blocks_a_cname()
    {
        var state = Zones("contoso.com");
        state.Dns.Zone(
            "contoso.com",
            DnsServerRecord.Srv("_sipfederationtls._tcp", 100, 1, 5061, "SIPFED.Online.Lync.com"),
            DnsServerRecord.CName("lyncdiscover", "WEBDIR.ONLINE.LYNC.COM"),
            DnsServerRecord.A("sip", "192.0.2.20"));

        var run = WindowsStandIns.Run(InMemoryPolicy.Build(Dns("contoso.com", "skype-online", lyncdiscover: false))["contoso/dns/Add-DnsServerRecords.ps1"], state, DnsServerScriptRunTests.OnServer);

        Assert.Equal(
        [
            "_sip._tls.contoso.com. 3600 IN SRV 100 1 443 sipdir.online.lync.com.",
            "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 100 1 5061 SIPFED.Online.Lync.com",
            "contoso.com. 3600 IN MX 10 mail.contoso.com.",
            "lyncdiscover.contoso.com. 3600 IN CNAME WEBDIR.ONLINE.LYNC.COM",
            "sip.contoso.com. 3600 IN A 192.0.2.20",
            "www.contoso.com. 3600 IN A 192.0.2.10",
        ], state.Dns.Lines());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("left in place lyncdiscover.contoso.com: CNAME webdir.online.lync.com. points to Microsoft, but this tool did not publish it (list 'lyncdiscover' in dns.manage to remove it, or in dns.keep)", run.Output);
        Assert.Equal(
        [
            "conflict sip.contoso.com: holds A record, not this tool's; nothing added, wanted CNAME sipdir.online.lync.com. (remove it by hand, or list 'sip.contoso.com' in dns.keep to keep it)",
            "1 conflict(s): fix them by hand, then run the script again",
        ], run.Warnings);
    }

    /// <summary>Runs the artifact at <paramref name="path"/> of the old policy, then that of the new one,
    /// then the new one again; before the new run, the new one under -WhatIf must change nothing.</summary>
    private static (ScriptRun New, ScriptRun Again) Converge(string path, string oldYaml, string newYaml, WindowsState state, IDictionary<string, object>? parameters = null, Action<WindowsState>? afterOld = null)
    {
        var old = InMemoryPolicy.Build(oldYaml)["contoso/" + path];
        var @new = InMemoryPolicy.Build(newYaml, oldYaml)["contoso/" + path];
        WindowsStandIns.Run(old, state, parameters);
        afterOld?.Invoke(state);

        var before = state.Lines();
        state.Changes.Clear();
        WindowsStandIns.Run(@new, state, new Dictionary<string, object>(parameters ?? new Dictionary<string, object>()) { ["WhatIf"] = true });
        Assert.Empty(state.Changes);
        Assert.Equal(before, state.Lines());

        var run = WindowsStandIns.Run(@new, state, parameters);
        var after = state.Lines();
        state.Changes.Clear();
        var again = WindowsStandIns.Run(@new, state, parameters);
        Assert.Empty(state.Changes);
        Assert.Equal(after, state.Lines());
        return (run, again);
    }

    private static string Dns(string domains, string profile, string cloud = "worldwide", bool lyncdiscover = true) =>
        $"tenant: {{name: contoso}}\ndomains: [{domains}]\ndns:\n  profile: {profile}\n  cloud: {cloud}\n" + (profile == "skype-online" ? $"  lyncdiscover: {(lyncdiscover ? "true" : "false")}\n" : "");

    /// <summary>Zones holding an MX at the apex and an A record the tool does not own.</summary>
    private static WindowsState Zones(params string[] zones)
    {
        var state = new WindowsState();
        foreach (var zone in zones)
        {
            state.Dns.Zone(zone, DnsServerRecord.Mx("@", 10, $"mail.{zone}."), DnsServerRecord.A("www", "192.0.2.10"));
        }

        return state;
    }
}
