using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Each zone snippet, wrapped in a full zone, checked by BIND's named-checkzone (every check
/// that can fail set to fail) and by Knot's kzonecheck; named-checkzone's canonical dump of what it
/// loaded must hold exactly the profile's records, absolute, with the model's TTL.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class ZoneCheckerConsumerTests
{
    private static readonly string[] StrictChecks = ["-i", "local", "-k", "fail", "-n", "fail", "-m", "fail", "-M", "fail", "-S", "fail", "-r", "fail"];

    [SkippableTheory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Named_checkzone_and_kzonecheck_accept_each_snippet_and_load_the_profile(string name)
    {
        var named = ExternalTool.Require("named-checkzone", "bind9-utils");
        var kzonecheck = ExternalTool.Require("kzonecheck", "knot-dnssecutils");
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var zone in ConsumerSuite.Artifacts(name, "zone"))
        {
            var domain = zone.Domain!;
            using var temp = ConsumerSuite.NewTempFolder();
            var wrapped = temp.File("zone");
            File.WriteAllText(wrapped, TestZone.Wrap(domain, zone.FullPath));

            var bind = ExternalTool.Run(named, [.. StrictChecks, "-D", "-o", temp.File("dump"), domain, wrapped]);
            Assert.True(bind.ExitCode == 0, $"{zone.FullPath}: {bind}");
            var knot = ExternalTool.Run(kzonecheck, ["-o", domain + ".", wrapped]);
            Assert.True(knot.ExitCode == 0 && knot.Stderr.Length == 0, $"{zone.FullPath}: {knot}");

            var expected = tenants[zone.Tenant].Dns.Records.Select(r => FormatFacts.RecordLine(r, domain));
            Assert.Equal(expected.Order(StringComparer.Ordinal), LoadedRecords(File.ReadAllText(temp.File("dump")), domain).Order(StringComparer.Ordinal));
        }
    }

    [SkippableTheory]
    [InlineData("sip 3600 IN CNAME relative.target.example\nsip 3600 IN TXT \"CNAME and other data\"\n")]
    [InlineData("_sip._tls 3600 IN SRV 100 1 70000 sipdir.online.lync.com.\n")]
    [InlineData("a-label-of-sixty-four-characters-is-one-too-many-for-dns-xxxxxxxx 3600 IN CNAME t.example.\n")]
    public void Both_checkers_refuse_what_the_writers_must_never_produce(string snippet)
    {
        var named = ExternalTool.Require("named-checkzone", "bind9-utils");
        var kzonecheck = ExternalTool.Require("kzonecheck", "knot-dnssecutils");
        using var temp = ConsumerSuite.NewTempFolder();
        File.WriteAllText(temp.File("snippet"), "$ORIGIN bad.example.\n" + snippet);
        File.WriteAllText(temp.File("zone"), TestZone.Wrap("bad.example", temp.File("snippet")));
        Assert.NotEqual(0, ExternalTool.Run(named, [.. StrictChecks, "bad.example", temp.File("zone")]).ExitCode);
        Assert.NotEqual(0, ExternalTool.Run(kzonecheck, ["-o", "bad.example.", temp.File("zone")]).ExitCode);
    }

    /// <summary>The records of a named-checkzone dump (one per line, tab-separated, names absolute),
    /// less the SOA, NS and NS address that <see cref="TestZone"/> adds.</summary>
    private static IEnumerable<string> LoadedRecords(string dump, string domain) => dump
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => string.Join(' ', line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))
        .Where(line => !line.StartsWith(domain + ". ", StringComparison.Ordinal) && !line.StartsWith($"{TestZone.NameServer}.{domain}. ", StringComparison.Ordinal));
}
