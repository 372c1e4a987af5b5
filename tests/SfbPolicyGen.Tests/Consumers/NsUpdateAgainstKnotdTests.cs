using DnsClient;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>The RFC 2136 batches applied for real: knotd on 127.0.0.1 accepting updates signed with a
/// TSIG key, knsupdate (knot-dnsutils) sending each batch twice. Then verify-dns says all right, the
/// Microsoft records the profile does not want are gone, and every record pointing elsewhere survives; a
/// CNAME pointing elsewhere makes the batch fail (exit status) and stays; a retired domain's batch leaves
/// only the records that point elsewhere.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class NsUpdateAgainstKnotdTests : IDisposable
{
    private const string Policy = """
        tenant: {name: t}
        domains: [t.example]
        dns: {profile: skype-online, lyncdiscover: true}
        retired: {domains: [old.example]}
        """;

    /// <summary>What the zones held before: a troubleshooting-era sip CNAME (Microsoft's, unwanted now),
    /// a Germany-cloud federation SRV (Microsoft's, unwanted), an SRV and an MX pointing elsewhere.</summary>
    private const string Before = """
        $ORIGIN t.example.
        sip                    3600 IN CNAME sipdir.online.microsoft.com.
        _sipfederationtls._tcp 3600 IN SRV   100 1 5061 sipfed.online.lync.de.
        _sip._tls              3600 IN SRV   10 5 443 edge.t.example.
        @                      3600 IN MX    10 mail.t.example.

        """;

    private const string RetiredBefore = """
        $ORIGIN old.example.
        sip                    3600 IN CNAME sipdir.online.lync.com.
        lyncdiscover           3600 IN CNAME webdir.online.lync.com.
        _sip._tls              3600 IN SRV   100 1 443 sipdir.online.lync.com.
        _sipfederationtls._tcp 3600 IN SRV   100 1 5061 sipfed.online.lync.com.
        _sipfederationtls._tcp 3600 IN SRV   10 5 5061 edge.old.example.

        """;

    private readonly TempFolder _temp = ConsumerSuite.NewTempFolder();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Applied_twice_the_batch_converges_and_what_points_elsewhere_survives()
    {
        var knsupdate = ExternalTool.Require("knsupdate", "knot-dnsutils");
        var (policy, batches) = Generate(Policy);
        using var server = Serve(("t.example", Before), ("old.example", RetiredBefore));

        foreach (var run in new[] { 1, 2 })
        {
            foreach (var domain in new[] { "t.example", "old.example" })
            {
                var applied = Apply(knsupdate, server, batches[domain]);
                Assert.True(applied.ExitCode == 0, $"run {run}, {domain}: {applied}");
            }
        }

        var verify = CliRunner.Run("verify-dns", policy, "--server", $"127.0.0.1:{server.Port}");
        Assert.True(verify.Code == ExitCodes.Success, verify.ToString());
        Assert.EndsWith("4 right, 0 missing, 0 different, 0 unanswered.\n", verify.Stdout, StringComparison.Ordinal);

        var client = server.Client(tcp: false);
        Assert.Equal(["sipdir.online.lync.com."], Data(client, "sip.t.example.", QueryType.CNAME));
        Assert.Equal(["100 1 5061 sipfed.online.lync.com."], Data(client, "_sipfederationtls._tcp.t.example.", QueryType.SRV));
        Assert.Equal(["10 5 443 edge.t.example.", "100 1 443 sipdir.online.lync.com."], Data(client, "_sip._tls.t.example.", QueryType.SRV));
        Assert.Equal(["10 mail.t.example."], Data(client, "t.example.", QueryType.MX));

        Assert.Empty(Data(client, "sip.old.example.", QueryType.CNAME));
        Assert.Empty(Data(client, "lyncdiscover.old.example.", QueryType.CNAME));
        Assert.Empty(Data(client, "_sip._tls.old.example.", QueryType.SRV));
        Assert.Equal(["10 5 5061 edge.old.example."], Data(client, "_sipfederationtls._tcp.old.example.", QueryType.SRV));
    }

    [SkippableFact]
    public void A_cname_pointing_elsewhere_stays_and_the_batch_says_so()
    {
        var knsupdate = ExternalTool.Require("knsupdate", "knot-dnsutils");
        var (_, batches) = Generate(Policy);
        using var server = Serve(("t.example", "$ORIGIN t.example.\nlyncdiscover 3600 IN CNAME webdir.partner.example.net.\n"));

        var applied = Apply(knsupdate, server, batches["t.example"]);

        Assert.NotEqual(0, applied.ExitCode);
        Assert.Contains("YXRRSET", applied.Stdout + applied.Stderr, StringComparison.Ordinal);
        Assert.Equal(["webdir.partner.example.net."], Data(server.Client(tcp: false), "lyncdiscover.t.example.", QueryType.CNAME));
    }

    private (string Policy, Dictionary<string, string> Batches) Generate(string yaml)
    {
        var policy = _temp.File("policies.yaml");
        File.WriteAllText(policy, yaml);
        var tree = Generator.Build([policy], null, new DiagnosticBag())!;
        var batches = tree.Render().SelectMany(t => t.Artifacts).Where(a => a.Path.EndsWith(".nsupdate", StringComparison.Ordinal)).ToDictionary(a => a.Artifact.Domain!, a =>
        {
            var path = _temp.File(a.Artifact.Domain + ".nsupdate");
            File.WriteAllBytes(path, a.Bytes);
            return path;
        });
        Assert.Equal(["old.example", "t.example"], batches.Keys.Order(StringComparer.Ordinal));
        return (policy, batches);
    }

    private KnotServer Serve(params (string Zone, string Snippet)[] zones) => KnotServer.Start(
        zones.ToDictionary(z => z.Zone, z =>
        {
            var snippet = _temp.File(z.Zone + ".before");
            File.WriteAllText(snippet, z.Snippet);
            return TestZone.Wrap(z.Zone, snippet);
        }, StringComparer.Ordinal),
        acceptUpdates: true);

    /// <summary>The batch with its "server" line aimed at the test's server (an operator gives the
    /// primary the same way, or through dns.updateServer).</summary>
    private ProcessResult Apply(string knsupdate, KnotServer server, string batch)
    {
        var aimed = _temp.File(Path.GetFileName(batch) + ".aimed");
        File.WriteAllText(aimed, $"server 127.0.0.1 {server.Port}\n" + File.ReadAllText(batch));
        return ExternalTool.Run(knsupdate, ["-y", KnotServer.UpdateKey, aimed]);
    }

    private static List<string> Data(LookupClient client, string name, QueryType type) =>
        [.. client.Query(name, type).Answers.Where(a => a.RecordType.ToString() == type.ToString()).Select(a => a switch
        {
            DnsClient.Protocol.CNameRecord c => c.CanonicalName.Value,
            DnsClient.Protocol.SrvRecord s => $"{s.Priority} {s.Weight} {s.Port} {s.Target.Value}",
            DnsClient.Protocol.MxRecord m => $"{m.Preference} {m.Exchange.Value}",
            _ => a.ToString(),
        }).Order(StringComparer.Ordinal)];
}
