using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary><c>verify-dns</c> in-process against a real DNS server (knotd on 127.0.0.1): the zones the
/// tool generated pass; a zone with someone else's target and a missing SRV fails, naming both, also
/// beside a zone the server refuses; a server that refuses every zone is exit 3, saying so.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class VerifyDnsAgainstKnotdTests : IDisposable
{
    private readonly TempFolder _temp = ConsumerSuite.NewTempFolder();

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_generated_zones_served_as_they_are_verify_with_exit_0(bool tcp)
    {
        // Skype Online profile, two domains, one of them internationalised (punycode on the wire).
        const string name = "002-skype-online-all-clients";
        var tenant = Assert.Single(GoldenCases.Tenants(name));
        var zones = ConsumerSuite.Artifacts(name, "zone");
        using var server = KnotServer.Start(zones.ToDictionary(z => z.Domain!, z => TestZone.Wrap(z.Domain!, z.FullPath), StringComparer.Ordinal));

        var run = CliRunner.Run(["verify-dns", .. GoldenCases.Inputs(name), "--out", _temp.File("out"), "--server", $"127.0.0.1:{server.Port}", .. tcp ? ["--tcp"] : Array.Empty<string>()]);

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(tenant.Domains.Length * tenant.Dns.Records.Length, lines.Length - 1);
        Assert.All(lines[..^1], line => Assert.StartsWith("ok ", line, StringComparison.Ordinal));
        Assert.Contains("sip.xn--bcher-fabrikam-gsb.de. CNAME sipdir.online.lync.com.", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"over {(tcp ? "TCP" : "UDP")}: 8 right, 0 missing, 0 outdated, 0 in conflict, 0 unwanted, 0 kept, 0 unanswered.\n", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_wrong_target_and_a_missing_srv_are_named_and_exit_1()
    {
        using var server = ContosoWithFaults();
        var run = CliRunner.Run("verify-dns", Policy("contoso.example"), "--out", _temp.File("out"), "--server", $"127.0.0.1:{server.Port}");

        Assert.True(run.Code == ExitCodes.Differences, run.ToString());
        Assert.Equal(
        [
            "missing   _sip._tls.contoso.example. SRV 100 1 443 sipdir.online.lync.com. (NXDOMAIN: the name does not exist)",
            "ok        _sipfederationtls._tcp.contoso.example. SRV 100 1 5061 sipfed.online.lync.com.",
"conflict  lyncdiscover.contoso.example. CNAME webdir.online.lync.com. (found CNAME webdir.wrong.example.net.; not this tool's: the DNS files add nothing here; remove it by hand, or list 'lyncdiscover.contoso.example' in dns.keep to keep it)",
            "ok        sip.contoso.example. CNAME sipdir.online.lync.com. (TTL 300, the policy says 3600)",
            $"4 name(s) of 1 tenant(s) asked of 127.0.0.1:{server.Port} over UDP: 2 right, 1 missing, 0 outdated, 1 in conflict, 0 unwanted, 0 kept, 0 unanswered.",
        ],
        run.Stdout.TrimEnd('\n').Split('\n'));
    }

    /// <summary>knotd answers REFUSED for a zone it does not serve: those records say so, and the faults
    /// of the zone it serves still decide the exit code.</summary>
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_refused_zone_does_not_hide_the_faults_of_the_others(bool tcp)
    {
        using var server = ContosoWithFaults();
        var run = CliRunner.Run(["verify-dns", Policy("contoso.example, fabrikam.example"), "--out", _temp.File("out"), "--server", $"127.0.0.1:{server.Port}", .. tcp ? ["--tcp"] : Array.Empty<string>()]);

        Assert.True(run.Code == ExitCodes.Differences, run.ToString());
        Assert.Equal(
        [
            "missing   _sip._tls.contoso.example. SRV 100 1 443 sipdir.online.lync.com. (NXDOMAIN: the name does not exist)",
            "ok        _sipfederationtls._tcp.contoso.example. SRV 100 1 5061 sipfed.online.lync.com.",
"conflict  lyncdiscover.contoso.example. CNAME webdir.online.lync.com. (found CNAME webdir.wrong.example.net.; not this tool's: the DNS files add nothing here; remove it by hand, or list 'lyncdiscover.contoso.example' in dns.keep to keep it)",
            "ok        sip.contoso.example. CNAME sipdir.online.lync.com. (TTL 300, the policy says 3600)",
            "no answer _sip._tls.fabrikam.example. SRV 100 1 443 sipdir.online.lync.com. (the server refused (is it authoritative for this zone?))",
            "no answer _sipfederationtls._tcp.fabrikam.example. SRV 100 1 5061 sipfed.online.lync.com. (the server refused (is it authoritative for this zone?))",
            "no answer lyncdiscover.fabrikam.example. CNAME webdir.online.lync.com. (the server refused (is it authoritative for this zone?))",
            "no answer sip.fabrikam.example. CNAME sipdir.online.lync.com. (the server refused (is it authoritative for this zone?))",
            $"8 name(s) of 1 tenant(s) asked of 127.0.0.1:{server.Port} over {(tcp ? "TCP" : "UDP")}: 2 right, 1 missing, 0 outdated, 1 in conflict, 0 unwanted, 0 kept, 4 unanswered.",
        ],
        run.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Empty(run.Stderr);
    }

    [SkippableFact]
    public void A_server_that_refuses_every_zone_is_exit_3_saying_so()
    {
        using var server = ContosoWithFaults();
        var run = CliRunner.Run("verify-dns", Policy("fabrikam.example"), "--out", _temp.File("out"), "--server", $"127.0.0.1:{server.Port}");

        Assert.True(run.Code == ExitCodes.IoOrInternalError, run.ToString());
        Assert.Equal($"sfbpolicygen: error SFB082: no name got a usable answer from 127.0.0.1:{server.Port} over UDP: the server refused (is it authoritative for this zone?)\n", run.Stderr);
        Assert.EndsWith(": 0 right, 0 missing, 0 outdated, 0 in conflict, 0 unwanted, 0 kept, 4 unanswered.\n", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A retired domain still publishing Microsoft's records is a finding (the DNS files remove
    /// them), its other records are not; a retired domain the server does not serve (moved to another
    /// host) gives no line at all, as the DNS Server script skips it.</summary>
    [SkippableFact]
    public void A_retired_domain_still_publishing_is_unwanted_and_one_the_server_does_not_hold_is_not_asked_about()
    {
        var right = _temp.File("right.zone");
        File.WriteAllText(right, "$ORIGIN contoso.example.\nsip 3600 IN CNAME sipdir.online.microsoft.com.\n");
        var retired = _temp.File("retired.zone");
        File.WriteAllText(retired, "$ORIGIN old.example.\nsip 3600 IN CNAME sipdir.online.lync.com.\n_sipfederationtls._tcp 3600 IN SRV 10 5 5061 edge.old.example.\n");
        using var server = KnotServer.Start(new Dictionary<string, string>
        {
            ["contoso.example"] = TestZone.Wrap("contoso.example", right),
            ["old.example"] = TestZone.Wrap("old.example", retired),
        });
        var policy = _temp.File("retired.yaml");
        File.WriteAllText(policy, "tenant: {name: verify}\ndomains: [contoso.example]\nretired: {domains: [old.example, moved-away.example]}\n");

        var run = CliRunner.Run("verify-dns", policy, "--out", _temp.File("out"), "--server", $"127.0.0.1:{server.Port}");

        Assert.True(run.Code == ExitCodes.Differences, run.ToString());
        Assert.Equal(
        [
            "ok        sip.contoso.example. CNAME sipdir.online.microsoft.com.",
            "unwanted  sip.old.example. CNAME sipdir.online.lync.com. (a retired domain's, this tool's: the DNS files remove it)",
            $"2 name(s) of 1 tenant(s) asked of 127.0.0.1:{server.Port} over UDP: 1 right, 0 missing, 0 outdated, 0 in conflict, 1 unwanted, 0 kept, 0 unanswered.",
        ],
        run.Stdout.TrimEnd('\n').Split('\n'));
    }

    private string Policy(string domains)
    {
        var policy = _temp.File("policies.yaml");
        File.WriteAllText(policy, $"tenant: {{name: verify}}\ndomains: [{domains}]\ndns: {{profile: skype-online, lyncdiscover: true}}\n");
        return policy;
    }

    /// <summary>knotd serving contoso.example only, with a short TTL on sip, a wrong lyncdiscover target
    /// and no _sip._tls SRV.</summary>
    private KnotServer ContosoWithFaults()
    {
        var snippet = _temp.File("snippet.zone");
        File.WriteAllText(snippet, """
            $ORIGIN contoso.example.
            sip                    300  IN CNAME sipdir.online.lync.com.
            lyncdiscover           3600 IN CNAME webdir.wrong.example.net.
            _sipfederationtls._tcp 3600 IN SRV   100 1 5061 sipfed.online.lync.com.

            """);
        return KnotServer.Start(new Dictionary<string, string> { ["contoso.example"] = TestZone.Wrap("contoso.example", snippet) });
    }
}
