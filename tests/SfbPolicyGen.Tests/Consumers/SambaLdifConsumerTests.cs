using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Each LDIF parsed by Samba's ldb (python3-samba: <c>ldb.Ldb().parse_ldif</c>), the LDIF
/// library of Samba's Active Directory: every record must be a modify that replaces
/// msRTCSIP-UserEnabled with TRUE for exactly the model's DNs, in order (base64 DNs decoded).</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class SambaLdifConsumerTests
{
    private const string Script = """
        import sys, json, ldb
        records = []
        for changetype, msg in ldb.Ldb().parse_ldif(open(sys.argv[1], encoding='utf-8').read()):
            changes = ['%s:%d=%s' % (k, msg[k].flags(), '|'.join(str(v) for v in msg[k])) for k in msg.keys() if k.lower() != 'dn']
            records.append('%s %s %s' % ('modify' if changetype == ldb.CHANGETYPE_MODIFY else changetype, msg.dn, ' '.join(changes)))
        print(json.dumps(records))
        """;

    [SkippableTheory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Samba_ldb_reads_each_ldif_back_to_the_model(string name)
    {
        var python = SambaPython.Require("ldb");
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var file in ConsumerSuite.Artifacts(name, "ldif"))
        {
            var expected = tenants[file.Tenant].ActiveDirectory!.DistinguishedNames.Select(dn => $"modify {dn} {FormatFacts.SipEnabledAttribute}:2=TRUE");
            Assert.Equal(expected, SambaPython.RunJson(python, Script, file.FullPath).EnumerateArray().Select(e => e.GetString()!));
        }
    }
}
