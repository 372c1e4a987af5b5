using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Consumers;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Import;

/// <summary>Issue 20, point 4: import never plans a deletion of a live record. Each zone of the issue
/// (hybrid: sip on the customer's edge, the rest at Microsoft; on-premises edge: all four names at the
/// customer's servers; mixed cloud: worldwide but a federation SRV left in Germany's cloud; and the three in
/// one policy) is served by knotd or BIND's named on 127.0.0.1 and imported from its zone file and from a
/// transfer of it; then, for the policy import wrote: (a) plan shows no DNS removal or change, only
/// additions; (b) every generated RFC 2136 message, sent with knsupdate and with nsupdate, changes no record
/// at any name (same records, same serial); (c) the DNS Server script, against the stand-ins holding the
/// same zones, changes nothing; (d) verify-dns against the server finds every name ok or kept (exit 0).</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class ImportKeepsLiveRecordsTests : IDisposable
{
    private static readonly Dictionary<string, string[]> Zones = new(StringComparer.Ordinal)
    {
        ["hybrid.example"] =
        [
            "sip 3600 IN CNAME sipexternal.hybrid.example.",
            "lyncdiscover 3600 IN CNAME webdir.online.lync.com.",
            "_sip._tls 3600 IN SRV 100 1 443 sipdir.online.lync.com.",
            "_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipfed.online.lync.com.",
            "www 3600 IN A 192.0.2.10",
            "@ 3600 IN MX 10 mail.hybrid.example.",
        ],
        ["edge.example"] =
        [
            "sip 3600 IN CNAME sipexternal.edge.example.",
            "lyncdiscover 3600 IN CNAME webext.edge.example.",
            "_sip._tls 3600 IN SRV 100 1 443 sipexternal.edge.example.",
            "_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipexternal.edge.example.",
            "@ 3600 IN TXT \"v=spf1 -all\"",
        ],
        ["mixed.example"] =
        [
            "sip 3600 IN CNAME sipdir.online.lync.com.",
            "lyncdiscover 3600 IN CNAME webdir.online.lync.com.",
            "_sip._tls 3600 IN SRV 100 1 443 sipdir.online.lync.com.",
            "_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipfed.online.lync.de.",
        ],
    };

    private readonly TempFolder _temp = ConsumerSuite.NewTempFolder();

    public void Dispose() => _temp.Dispose();

    /// <param name="domains">The zones imported together, the first naming the tenant.</param>
    /// <param name="dns">The dns section import writes: profile, cloud, lyncdiscover and dns.keep.</param>
    [SkippableTheory]
    [InlineData("knotd", "hybrid.example", "skype-online worldwide true: sip.hybrid.example")]
    [InlineData("named", "hybrid.example", "skype-online worldwide true: sip.hybrid.example")]
    [InlineData("knotd", "edge.example", "troubleshooting worldwide true: _sip._tls.edge.example, _sipfederationtls._tcp.edge.example, lyncdiscover.edge.example, sip.edge.example")]
    [InlineData("knotd", "mixed.example", "skype-online worldwide true: _sipfederationtls._tcp.mixed.example")]
    [InlineData("knotd", "hybrid.example,edge.example,mixed.example", "skype-online worldwide true: sip.hybrid.example, _sip._tls.edge.example, _sipfederationtls._tcp.edge.example, lyncdiscover.edge.example, sip.edge.example, _sipfederationtls._tcp.mixed.example")]
    public void Deploying_what_import_wrote_changes_no_record_of_the_source(string serverName, string domains, string dns)
    {
        var zones = domains.Split(',').ToDictionary(d => d, d => Zones[d], StringComparer.Ordinal);
        using var server = DnsUpdates.Start(serverName, _temp, zones, transferable: true);
        var (policyFile, tenant) = Import(server, zones, dns);
        var yaml = File.ReadAllText(policyFile);

        // (a) plan: what generate would deploy adds records where a zone holds nothing; it removes nothing.
        var plan = CliRunner.Run("plan", policyFile, "--out", _temp.File("empty-out"));
        var dnsLines = plan.Stdout.Split('\n').Where(l => l.StartsWith("  DNS ", StringComparison.Ordinal)).ToList();
        Assert.All(dnsLines, l => Assert.Contains(": + ", l, StringComparison.Ordinal));
        Assert.DoesNotContain("Left in place", plan.Stdout, StringComparison.Ordinal);

        // (b) every message, with each client, on the server serving the source: no record deleted or changed.
        var before = zones.Keys.ToDictionary(d => d, d => (Records: DnsUpdates.Snapshot(server, d), Serial: DnsUpdates.Serial(server, d)), StringComparer.Ordinal);
        var messages = DnsUpdates.Messages(InMemoryPolicy.Tree(yaml), _temp);
        foreach (var client in new[] { "knsupdate", "nsupdate" })
        {
            foreach (var domain in zones.Keys)
            {
                DnsUpdates.SendAll(DnsUpdates.Client(client), server, messages.GetValueOrDefault(domain, []));
                Assert.Equal(before[domain].Records, DnsUpdates.Snapshot(server, domain));
                Assert.Equal(before[domain].Serial, DnsUpdates.Serial(server, domain));
            }
        }

        // (c) the DNS Server script against the stand-ins holding the same zones.
        var state = NsUpdateAgainstServersTests.StandIn(zones);
        var standIns = NsUpdateAgainstServersTests.Lines(state);
        var script = WindowsStandIns.Run(InMemoryPolicy.Build(yaml)[$"{tenant}/dns/Add-DnsServerRecords.ps1"], state, DnsServerScriptRunTests.OnServer);
        Assert.True(script.ExitCode == 0 && script.Warnings.Count == 0, script.ToString());
        Assert.Empty(state.Changes);
        Assert.Equal(standIns, NsUpdateAgainstServersTests.Lines(state));
        Assert.Equal(zones.Keys.SelectMany(d => before[d].Records).Order(StringComparer.Ordinal), standIns);

        // (d) verify-dns: every name of every domain ok or kept.
        var verify = CliRunner.Run("verify-dns", policyFile, "--out", _temp.File("no-out"), "--server", $"127.0.0.1:{server.Port}");
        Assert.True(verify.Code == ExitCodes.Success, verify.ToString());
        var lines = verify.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[..^1];
        Assert.All(lines, l => Assert.Matches("^(ok|kept) ", l));
        Assert.Equal(dns.Split(": ")[1].Split(", ").Order(StringComparer.Ordinal), lines.Where(l => l.StartsWith("kept ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].TrimEnd('.')).Order(StringComparer.Ordinal));
    }

    /// <summary>Imports the zones from their files (as the DNS host exports them) and by transfer from the
    /// server, each in a folder of its own; both give the same dns section, <paramref name="dns"/>, and list
    /// no record of the tool's names as not imported.</summary>
    /// <returns>The policy file imported from the zone files, and its tenant.</returns>
    private (string PolicyFile, string Tenant) Import(IAuthoritativeServer server, Dictionary<string, string[]> zones, string dns)
    {
        var fromFiles = Directory.CreateDirectory(_temp.File("from-files")).FullName;
        var files = zones.Select(z => _temp.File(Path.Combine("from-files", z.Key + ".zone"))).ToList();
        foreach (var (zone, file) in zones.Zip(files))
        {
            File.WriteAllText(file, TestZone.Inline(zone.Key, zone.Value));
        }

        var fromTransfer = Directory.CreateDirectory(_temp.File("from-transfer")).FullName;
        var runs = new[]
        {
            CliProcess.Run(fromFiles, ["import", .. files.Select(Path.GetFileName).OfType<string>()]),
            CliProcess.Run(fromTransfer, ["import", "--server", $"127.0.0.1:{server.Port}", .. zones.Keys.SelectMany(d => new[] { "--domain", d })]),
        };

        var read = runs.Zip([fromFiles, fromTransfer], (run, folder) =>
        {
            Assert.True(run.Code == ExitCodes.Success, run.ToString());
            var notImported = run.Stdout.Split('\n').SkipWhile(l => !l.StartsWith("not imported ", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal));
            Assert.All(notImported, l => Assert.DoesNotMatch(@": (sip|lyncdiscover|_sip\._tls|_sipfederationtls\._tcp)\.", l));
            var policy = Assert.Single(Generator.LoadAll([Path.Combine(folder, "policies.yaml")], new DiagnosticBag()).Tenants);
            var d = policy.Dns;
            Assert.Equal(dns, $"{d.Profile.YamlName()} {d.Cloud.YamlName()} {(d.Lyncdiscover ? "true" : "false")}: {string.Join(", ", d.Keep)}");
            return policy.Name;
        }).ToList();
        return (Path.Combine(fromFiles, "policies.yaml"), read[0]);
    }
}
