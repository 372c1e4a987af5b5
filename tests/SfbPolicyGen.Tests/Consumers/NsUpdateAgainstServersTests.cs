using System.Globalization;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>The RFC 2136 messages of dns/nsupdate/ applied for real (issue 20): knotd and BIND's named on
/// 127.0.0.1 accepting updates signed with a TSIG key, each file sent by knsupdate and by nsupdate, one
/// client run per file as the README says. Every server and client pair: applied twice the zone
/// converges and the second run changes nothing (same serial); a wanted name answers for every query
/// made while the messages replace it or find it right; cut off after any message, the zone still
/// answers every name and the next run converges; old then new removes what the old published and
/// nothing else; records the tool never published stay, and a name holding someone else's record gets
/// nothing beside it. The same zones given to the DNS Server script end the same (two paths, one rule).</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class NsUpdateAgainstServersTests : IDisposable
{
    private readonly TempFolder _temp = ConsumerSuite.NewTempFolder();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string> ServersAndClients => new()
    {
        { "knotd", "knsupdate" },
        { "knotd", "nsupdate" },
        { "named", "nsupdate" },
        { "named", "knsupdate" },
    };

    /// <summary>An earlier version published the article's sip record; the new one is skype-online and
    /// retires old.example. t.example also holds someone else's _sip._tls SRV (an on-premises edge) and an
    /// MX; old.example holds Microsoft's records and someone else's federation SRV.</summary>
    private const string Earlier = "tenant: {name: t}\ndomains: [t.example]\n";

    private const string Policy = """
        tenant: {name: t}
        domains: [t.example]
        dns: {profile: skype-online, lyncdiscover: true}
        retired: {domains: [old.example]}
        """;

    private static readonly string[] Before =
    [
        "sip 3600 IN CNAME sipdir.online.microsoft.com.",
        "_sip._tls 3600 IN SRV 10 5 443 edge.t.example.",
        "@ 3600 IN MX 10 mail.t.example.",
    ];

    private static readonly string[] RetiredBefore =
    [
        "sip 3600 IN CNAME sipdir.online.lync.com.",
        "lyncdiscover 3600 IN CNAME webdir.online.lync.com.",
        "_sip._tls 3600 IN SRV 100 1 443 sipdir.online.lync.com.",
        "_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipfed.online.lync.com.",
        "_sipfederationtls._tcp 3600 IN SRV 10 5 5061 edge.old.example.",
    ];

    [SkippableTheory]
    [MemberData(nameof(ServersAndClients))]
    public void Applied_twice_it_converges_keeps_what_is_not_the_tool_s_and_the_second_run_changes_nothing(string serverName, string clientName)
    {
        var client = DnsUpdates.Client(clientName);
        var messages = DnsUpdates.Messages(InMemoryPolicy.Tree(Policy, Earlier), _temp);
        using var server = DnsUpdates.Start(serverName, _temp, new Dictionary<string, string[]> { ["t.example"] = Before, ["old.example"] = RetiredBefore });

        DnsUpdates.SendAll(client, server, messages["t.example"]);
        DnsUpdates.SendAll(client, server, messages["old.example"]);
        var serials = (DnsUpdates.Serial(server, "t.example"), DnsUpdates.Serial(server, "old.example"));
        Assert.Equal(
        [
            "_sip._tls.t.example. 3600 IN SRV 10 5 443 edge.t.example.",
            "_sipfederationtls._tcp.t.example. 3600 IN SRV 100 1 5061 sipfed.online.lync.com.",
            "lyncdiscover.t.example. 3600 IN CNAME webdir.online.lync.com.",
            "sip.t.example. 3600 IN CNAME sipdir.online.lync.com.",
            "t.example. 3600 IN MX 10 mail.t.example.",
        ], DnsUpdates.Snapshot(server, "t.example"));
        Assert.Equal(["_sipfederationtls._tcp.old.example. 3600 IN SRV 10 5 5061 edge.old.example."], DnsUpdates.Snapshot(server, "old.example"));

        // Again: every file either finds its case already done or is refused; nothing changes.
        var before = DnsUpdates.Snapshot(server, "t.example").Concat(DnsUpdates.Snapshot(server, "old.example")).ToList();
        DnsUpdates.SendAll(client, server, messages["t.example"]);
        DnsUpdates.SendAll(client, server, messages["old.example"]);
        Assert.Equal(serials, (DnsUpdates.Serial(server, "t.example"), DnsUpdates.Serial(server, "old.example")));
        Assert.Equal(before, DnsUpdates.Snapshot(server, "t.example").Concat(DnsUpdates.Snapshot(server, "old.example")));

        // verify-dns says what stays wrong and why: only someone else's SRV at _sip._tls.
        var verify = CliRunner.Run("verify-dns", PolicyFile(Policy), "--out", _temp.File("no-out"), "--server", $"127.0.0.1:{server.Port}");
        Assert.Equal(ExitCodes.Differences, verify.Code);
        Assert.Equal(
            ["conflict  _sip._tls.t.example. SRV 100 1 443 sipdir.online.lync.com. (found SRV 10 5 443 edge.t.example.; not this tool's: the DNS files add nothing here; remove it by hand, or list '_sip._tls.t.example' in dns.keep to keep it)"],
            verify.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("ok ", StringComparison.Ordinal) && !l.Contains(" name(s) of ", StringComparison.Ordinal)));
    }

    /// <summary>A query loop on sip while the messages run ten times: the first run replaces the tool's
    /// earlier sip record (the article's target) by the English edition's, every later run finds it right;
    /// not one answer lacks the CNAME, and the runs after the first change no serial.</summary>
    [SkippableTheory]
    [MemberData(nameof(ServersAndClients))]
    public void The_wanted_name_answers_throughout_a_replacement_and_converged_runs(string serverName, string clientName)
    {
        var client = DnsUpdates.Client(clientName);
        var messages = DnsUpdates.Messages(InMemoryPolicy.Tree("tenant: {name: t}\ndomains: [t.example]\ndns: {sipTarget: sipdir.online.lync.com}\n", Earlier), _temp)["t.example"];
        using var server = DnsUpdates.Start(serverName, _temp, new Dictionary<string, string[]> { ["t.example"] = ["sip 3600 IN CNAME sipdir.online.microsoft.com."] });

        long? converged = null;
        using (var watch = new DnsUpdates.Watch(server, "sip.t.example."))
        {
            for (var run = 0; run < 10; run++)
            {
                DnsUpdates.SendAll(client, server, messages);
                converged ??= DnsUpdates.Serial(server, "t.example");
                Assert.Equal(converged, DnsUpdates.Serial(server, "t.example"));
            }

            Thread.Sleep(50);
            Assert.True(watch.Asked > 100, $"{watch.Asked} queries");
            Assert.Equal(0, watch.Missing);
            Assert.Equal(0, watch.Unanswered);
        }

        Assert.Equal(["sip.t.example. 3600 IN CNAME sipdir.online.lync.com."], DnsUpdates.Snapshot(server, "t.example"));
    }

    /// <summary>The old policy's records as its messages left them (skype-online, worldwide), then the new
    /// one's messages (germany) cut off after each one in turn, as a killed loop leaves them: each message
    /// is atomic, so every name still holds one record, the old or the new; then the whole run converges.</summary>
    [SkippableTheory]
    [InlineData("knotd", "knsupdate")]
    [InlineData("named", "nsupdate")]
    public void Cut_off_after_any_message_every_name_still_answers_and_the_next_run_converges(string serverName, string clientName)
    {
        const string old = "tenant: {name: t}\ndomains: [t.example]\ndns: {profile: skype-online, lyncdiscover: true}\n";
        const string @new = "tenant: {name: t}\ndomains: [t.example]\ndns: {profile: skype-online, lyncdiscover: true, cloud: germany}\n";
        var client = DnsUpdates.Client(clientName);
        var messages = DnsUpdates.Messages(InMemoryPolicy.Tree(@new, old), _temp)["t.example"];
        string[] oldRecords =
        [
            "sip 3600 IN CNAME sipdir.online.lync.com.",
            "lyncdiscover 3600 IN CNAME webdir.online.lync.com.",
            "_sip._tls 3600 IN SRV 100 1 443 sipdir.online.lync.com.",
            "_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipfed.online.lync.com.",
        ];
        string[] converged =
        [
            "_sip._tls.t.example. 3600 IN SRV 100 1 443 sipdir.online.lync.de.",
            "_sipfederationtls._tcp.t.example. 3600 IN SRV 100 1 5061 sipfed.online.lync.de.",
            "lyncdiscover.t.example. 3600 IN CNAME webdir.online.skype.de.",
            "sip.t.example. 3600 IN CNAME sipdir.online.lync.de.",
        ];

        for (var sent = 0; sent <= messages.Count; sent++)
        {
            using var server = DnsUpdates.Start(serverName, _temp, new Dictionary<string, string[]> { ["t.example"] = oldRecords });
            DnsUpdates.SendAll(client, server, messages.Take(sent));
            var cut = DnsUpdates.Snapshot(server, "t.example");
            foreach (var name in new[] { "sip", "lyncdiscover", "_sip._tls", "_sipfederationtls._tcp" })
            {
                Assert.True(cut.Count(l => l.StartsWith($"{name}.t.example. ", StringComparison.Ordinal)) == 1, $"after {sent} message(s): {string.Join("; ", cut)}");
            }

            DnsUpdates.SendAll(client, server, messages);
            Assert.Equal(converged, DnsUpdates.Snapshot(server, "t.example"));
        }
    }

    /// <summary>skype-online, then teams-only: the records the old run published go; Microsoft's lyncdiscover
    /// of another cloud, which it never published, stays, and so does everything else.</summary>
    [SkippableTheory]
    [MemberData(nameof(ServersAndClients))]
    public void Old_then_new_removes_what_the_old_published_and_nothing_else(string serverName, string clientName)
    {
        const string old = "tenant: {name: t}\ndomains: [t.example]\ndns: {profile: skype-online, lyncdiscover: false}\n";
        var client = DnsUpdates.Client(clientName);
        using var server = DnsUpdates.Start(serverName, _temp, new Dictionary<string, string[]>
        {
            ["t.example"] = ["lyncdiscover 3600 IN CNAME webdir.online.skype.de.", "www 3600 IN A 192.0.2.10", "@ 3600 IN MX 10 mail.t.example."],
        });

        DnsUpdates.SendAll(client, server, DnsUpdates.Messages(InMemoryPolicy.Tree(old), _temp)["t.example"]);
        DnsUpdates.SendAll(client, server, DnsUpdates.Messages(InMemoryPolicy.Tree("tenant: {name: t}\ndomains: [t.example]\ndns: {profile: teams-only}\n", old), _temp)["t.example"]);

        Assert.Equal(
        [
            "_sipfederationtls._tcp.t.example. 3600 IN SRV 100 1 5061 sipfed.online.lync.com.",
            "lyncdiscover.t.example. 3600 IN CNAME webdir.online.skype.de.",
            "t.example. 3600 IN MX 10 mail.t.example.",
            "www.t.example. 3600 IN A 192.0.2.10",
        ], DnsUpdates.Snapshot(server, "t.example"));
    }

    /// <summary>Issue 20, "the default batch sweeps away records it never published": the sample's
    /// profile (the article's single sip CNAME) over a zone that followed Microsoft's DNS guide for Skype
    /// for Business Online. Nothing of it goes: sip points at Microsoft already, but not at the target the
    /// policy names and not by this tool's hand, so it is a conflict, left as it is and named.</summary>
    [SkippableTheory]
    [MemberData(nameof(ServersAndClients))]
    public void The_default_profile_removes_no_microsoft_record_it_never_published(string serverName, string clientName)
    {
        string[] microsoftGuide =
        [
            "sip 3600 IN CNAME sipdir.online.lync.com.",
            "lyncdiscover 3600 IN CNAME webdir.online.lync.com.",
            "_sip._tls 3600 IN SRV 100 1 443 sipdir.online.lync.com.",
            "_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipfed.online.lync.com.",
        ];
        var client = DnsUpdates.Client(clientName);
        using var server = DnsUpdates.Start(serverName, _temp, new Dictionary<string, string[]> { ["t.example"] = microsoftGuide });
        var serial = DnsUpdates.Serial(server, "t.example");
        var before = DnsUpdates.Snapshot(server, "t.example");

        var codes = DnsUpdates.SendAll(client, server, DnsUpdates.Messages(InMemoryPolicy.Tree(Earlier), _temp)["t.example"]);

        Assert.All(codes, code => Assert.NotEqual(0, code)); // every message refused: the name is someone else's
        Assert.Equal(before, DnsUpdates.Snapshot(server, "t.example"));
        Assert.Equal(serial, DnsUpdates.Serial(server, "t.example"));
        var verify = CliRunner.Run("verify-dns", PolicyFile(Earlier), "--out", _temp.File("no-out"), "--server", $"127.0.0.1:{server.Port}");
        Assert.Equal(ExitCodes.Differences, verify.Code);
        Assert.StartsWith("conflict  sip.t.example. CNAME sipdir.online.microsoft.com. (found CNAME sipdir.online.lync.com.; ", verify.Stdout.Split('\n').Single(l => l.Contains(" sip.t.example.", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(3, verify.Stdout.Split('\n').Count(l => l.StartsWith("unwanted ", StringComparison.Ordinal) && l.Contains("this tool did not publish it", StringComparison.Ordinal)));
    }

    /// <summary>Issue 20, "two deploy paths disagree": a teams-only zone whose federation SRV is the
    /// customer's own edge. Both clients add Microsoft's SRV nowhere (no 50/50 split), verify-dns says
    /// conflict (exit 1), and the DNS Server script, given the same zone, does the same.</summary>
    [SkippableTheory]
    [MemberData(nameof(ServersAndClients))]
    public void Someone_else_s_federation_srv_gets_nothing_beside_it_on_every_path(string serverName, string clientName)
    {
        const string teamsOnly = "tenant: {name: t}\ndomains: [t.example]\ndns: {profile: teams-only}\n";
        string[] zone = ["_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipfed.edge.t.example."];
        var client = DnsUpdates.Client(clientName);
        using var server = DnsUpdates.Start(serverName, _temp, new Dictionary<string, string[]> { ["t.example"] = zone });

        DnsUpdates.SendAll(client, server, DnsUpdates.Messages(InMemoryPolicy.Tree(teamsOnly), _temp)["t.example"]);

        Assert.Equal(["_sipfederationtls._tcp.t.example. 3600 IN SRV 100 1 5061 sipfed.edge.t.example."], DnsUpdates.Snapshot(server, "t.example"));
        var verify = CliRunner.Run("verify-dns", PolicyFile(teamsOnly), "--out", _temp.File("no-out"), "--server", $"127.0.0.1:{server.Port}");
        Assert.Equal(ExitCodes.Differences, verify.Code);
        Assert.StartsWith("conflict  _sipfederationtls._tcp.t.example. SRV 100 1 5061 sipfed.online.lync.com. (found SRV 100 1 5061 sipfed.edge.t.example.;", verify.Stdout, StringComparison.Ordinal);

        var state = StandIn(new Dictionary<string, string[]> { ["t.example"] = zone });
        var script = WindowsStandIns.Run(InMemoryPolicy.Build(teamsOnly)["t/dns/Add-DnsServerRecords.ps1"], state, DnsServerScriptRunTests.OnServer);
        Assert.Equal(1, script.ExitCode);
        Assert.Equal(DnsUpdates.Snapshot(server, "t.example"), Lines(state));
    }

    /// <summary>The rule's cases, each zone given both to a server through the messages and to the DNS
    /// Server script through its stand-ins: both paths end with the same records at every name.</summary>
    [SkippableTheory]
    [InlineData("empty")]
    [InlineData("right")]
    [InlineData("right with another TTL")]
    [InlineData("the tool's earlier record")]
    [InlineData("a managed Microsoft record")]
    [InlineData("someone else's CNAME")]
    [InlineData("an A record at the CNAME's name")]
    [InlineData("an SRV beside the wanted one")]
    [InlineData("a TXT beside the wanted SRV")]
    [InlineData("a kept name")]
    [InlineData("unwanted: the tool's, a managed one, and Microsoft's not managed")]
    public void The_messages_and_the_dns_server_script_end_the_same(string @case)
    {
        const string earlier = "tenant: {name: t}\ndomains: [t.example]\ndns: {profile: skype-online, lyncdiscover: true, cloud: germany}\n";
        var (policy, zone) = @case switch
        {
            "empty" => ("dns: {profile: skype-online, lyncdiscover: true}", Array.Empty<string>()),
            "right" => ("dns: {profile: skype-online, lyncdiscover: true}", ["sip 3600 IN CNAME sipdir.online.lync.com.", "_sip._tls 3600 IN SRV 100 1 443 sipdir.online.lync.com."]),
            "right with another TTL" => ("dns: {profile: skype-online, lyncdiscover: true, ttl: 900}", ["sip 3600 IN CNAME sipdir.online.lync.com.", "_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipfed.online.lync.com."]),
            "the tool's earlier record" => ("dns: {profile: skype-online, lyncdiscover: true}", ["sip 3600 IN CNAME sipdir.online.lync.de.", "_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipfed.online.lync.de."]),
            "a managed Microsoft record" => ("dns: {profile: skype-online, lyncdiscover: true, manage: [lyncdiscover]}", ["lyncdiscover 3600 IN CNAME webdir.online.partner.lync.cn."]),
            "someone else's CNAME" => ("dns: {profile: skype-online, lyncdiscover: true}", ["lyncdiscover 3600 IN CNAME lyncdiscover.onprem.t.example."]),
            "an A record at the CNAME's name" => ("dns: {profile: skype-online, lyncdiscover: true}", ["sip 3600 IN A 192.0.2.20"]),
            "an SRV beside the wanted one" => ("dns: {profile: skype-online, lyncdiscover: true}", ["_sip._tls 3600 IN SRV 100 1 443 sipdir.online.lync.com.", "_sip._tls 3600 IN SRV 10 5 443 edge.t.example."]),
            "a TXT beside the wanted SRV" => ("dns: {profile: skype-online, lyncdiscover: true}", ["_sipfederationtls._tcp 3600 IN TXT \"v=spf1 -all\""]),
            "a kept name" => ("dns: {profile: skype-online, lyncdiscover: true, keep: [sip.t.example]}", ["sip 3600 IN CNAME pool.onprem.t.example."]),
            _ => ("dns: {profile: teams-only, manage: [_sip._tls]}", ["sip 3600 IN CNAME sipdir.online.lync.de.", "_sip._tls 3600 IN SRV 100 1 443 sipdir.online.partner.lync.cn.", "lyncdiscover 3600 IN CNAME webdir.online.lync.com.", "www 3600 IN A 192.0.2.10"]),
        };
        var yaml = $"tenant: {{name: t}}\ndomains: [t.example]\n{policy}\n";
        var client = DnsUpdates.Client("knsupdate");
        using var server = DnsUpdates.Start("knotd", _temp, new Dictionary<string, string[]> { ["t.example"] = zone });
        DnsUpdates.SendAll(client, server, DnsUpdates.Messages(InMemoryPolicy.Tree(yaml, earlier), _temp)["t.example"]);

        var state = StandIn(new Dictionary<string, string[]> { ["t.example"] = zone });
        WindowsStandIns.Run(InMemoryPolicy.Build(yaml, earlier)["t/dns/Add-DnsServerRecords.ps1"], state, DnsServerScriptRunTests.OnServer);

        Assert.Equal(DnsUpdates.Snapshot(server, "t.example"), Lines(state));
    }

    private string PolicyFile(string yaml)
    {
        var path = _temp.File("policies.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>A Windows DNS Server holding the same zones, from the same record lines.</summary>
    internal static WindowsState StandIn(IReadOnlyDictionary<string, string[]> zones)
    {
        var state = new WindowsState();
        foreach (var (domain, zone) in zones)
        {
            state.Dns.Zone(domain, [.. zone.Select(Record)]);
        }

        return state;
    }

    private static DnsServerRecord Record(string line)
    {
        var f = line.Split(' ', 5);
        var (name, ttl, type, data) = (f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[3], f[4]);
        var d = data.Split(' ');
        return type switch
        {
            "CNAME" => DnsServerRecord.CName(name, data, ttl),
            "SRV" => DnsServerRecord.Srv(name, int.Parse(d[0], CultureInfo.InvariantCulture), int.Parse(d[1], CultureInfo.InvariantCulture), int.Parse(d[2], CultureInfo.InvariantCulture), d[3], ttl),
            "A" => DnsServerRecord.A(name, data, ttl),
            "MX" => DnsServerRecord.Mx(name, int.Parse(d[0], CultureInfo.InvariantCulture), d[1], ttl),
            "TXT" => DnsServerRecord.Txt(name, data.Trim('"'), ttl),
            _ => throw new ArgumentOutOfRangeException(nameof(line), line, "a type the stand-in does not model"),
        };
    }

    /// <summary>The stand-in's records as <see cref="DnsUpdates.Snapshot"/> writes a server's: names and
    /// data lowercase, targets absolute.</summary>
    internal static List<string> Lines(WindowsState state) =>
        [.. state.Dns.Lines().Select(l => l.ToLowerInvariant()).Select(l => l.Split(' ') is [var owner, var ttl, _, var type, .. var data]
            ? $"{owner} {ttl} IN {type.ToUpperInvariant()} {string.Join(' ', data)}" : l).Order(StringComparer.Ordinal)];
}
