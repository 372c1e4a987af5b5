using System.Text.Json;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Each Registry.pol parsed by Samba's PReg parser (python3-samba, run with /usr/bin/python3:
/// <c>samba.gp_parse.gp_pol.GPPolParser</c>): header, entry count, and every entry (key, value name,
/// type, size, data) must be the model's. Samba accepts a wrong signature or delimiter, so the strict
/// reader (ArtifactStructureTests) checks those.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class SambaPolConsumerTests
{
    private const string Script = """
        import sys, json
        from samba.gp_parse.gp_pol import GPPolParser
        parser = GPPolParser()
        parser.parse(open(sys.argv[1], 'rb').read())
        f = parser.pol_file
        print(json.dumps({'header': '%s %d' % (f.header.signature, f.header.version), 'count': f.num_entries,
            'entries': ['%s|%s|%d|%d|%s' % (e.keyname, e.valuename, e.type, e.size, e.data) for e in f.entries]}))
        """;

    [SkippableTheory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Samba_reads_each_registry_pol_back_to_the_model(string name)
    {
        var python = SambaPython.Require("samba.gp_parse.gp_pol");
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var pol in ConsumerSuite.Artifacts(name, "pol"))
        {
            var (trust, retired) = (tenants[pol.Tenant].TrustModelData, tenants[pol.Tenant].Retired);
            var read = Parse(python, pol.FullPath);
            Assert.Equal("PReg 1", read.GetProperty("header").GetString());
            Assert.Equal(trust.Clients.Length + retired.Clients.Length, read.GetProperty("count").GetInt32());
            var size = (trust.RegistryValue.Length + 1) * 2;
            var expected = trust.Clients.Select(c => $"{FormatFacts.PolicyKey(c.Id)}|{FormatFacts.ValueName}|1|{size}|{trust.RegistryValue}")
                .Concat(retired.Clients.Select(c => $"{FormatFacts.PolicyKey(c.Id)}|**del.{FormatFacts.ValueName}|1|4| "))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, read.GetProperty("entries").EnumerateArray().Select(e => e.GetString()!));
        }
    }

    [SkippableFact]
    public void Samba_tells_a_changed_value_apart()
    {
        var python = SambaPython.Require("samba.gp_parse.gp_pol");
        var pol = ConsumerSuite.Artifacts(GoldenCases.Sample, "pol").Single();
        using var temp = ConsumerSuite.NewTempFolder();
        var bytes = File.ReadAllBytes(pol.FullPath);
        var at = bytes.AsSpan().IndexOf("c\0o\0n\0t\0o\0s\0o\0.\0f\0r\0"u8);
        Assert.True(at > 0);
        bytes[at] = (byte)'k';
        File.WriteAllBytes(temp.File("Registry.pol"), bytes);
        var entries = Parse(python, temp.File("Registry.pol")).GetProperty("entries").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(entries, e => e.EndsWith(",kontoso.fr", StringComparison.Ordinal));
    }

    private static JsonElement Parse(string python, string path) => SambaPython.RunJson(python, Script, path);
}
