using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Import;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;

namespace SfbPolicyGen.Tests.Import;

/// <summary>generate → import → the same policy, for every valid golden case (and the sample) and every tenant in it:
/// the committed .reg, Registry.pol and zone snippets are imported, the policy file import writes is
/// loaded and compared with the model loaded from the case's own YAML (the TrustModelData value entry
/// for entry, clients, retired clients, domains, profile, cloud, sip target, lyncdiscover, TTL), then
/// generated again: the .reg and Registry.pol come back byte for byte (they hold only keys and
/// values), and each zone snippet holds the same record lines. What import cannot know (display
/// name, proxy, ADMX, AD, the GPO name, retired domains) is not compared: no artifact imported holds it.</summary>
public sealed class ImportRoundTripTests : IDisposable
{
    private readonly ImportTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Cases => GoldenCases.ValidWithSample;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Importing_what_generate_wrote_gives_the_same_policy_and_the_same_artifacts(string name)
    {
        foreach (var expected in GoldenCases.Tenants(name))
        {
            var folder = Path.Combine(GoldenCases.Expected(name), expected.Name);
            string[] sources =
            [
                Path.Combine(folder, "registry", "TrustModelData.reg"),
                Path.Combine(folder, "gpo", "Machine", "Registry.pol"),
                .. expected.Domains.Select(d => Path.Combine(folder, "dns", d + ".zone")),
            ];

            var (imported, diagnostics) = ImportTestFolder.Map(sources);
            Assert.True(imported is not null && !diagnostics.Any(d => d.Severity == Severity.Error), string.Join('\n', diagnostics));
            Assert.Empty(imported.Unmapped);
            Assert.Empty(imported.Kept);
            var policyFile = _folder.Text($"{name}-{expected.Name}.yaml", ImportedPolicyWriter.Render("policies.yaml", imported, sources));
            var loaded = new DiagnosticBag();
            var actual = PolicyLoader.Load(policyFile, File.ReadAllBytes(policyFile), loaded);
            Assert.True(actual is not null, string.Join('\n', loaded.Sorted()));

            Assert.Null(ImportedPolicyCheck.Changes(actual, imported));
            Assert.Equal<string>(expected.TrustModelData.Value, actual.TrustModelData.Value);
            Assert.Equal<TrustClient>(expected.TrustModelData.Clients, actual.TrustModelData.Clients);
            Assert.Equal<TrustClient>(expected.Retired.Clients, actual.Retired.Clients);
            Assert.Equal(expected.Domains.Order(StringComparer.Ordinal), actual.Domains.Order(StringComparer.Ordinal));
            Assert.Equal(
                (expected.Dns.Profile, expected.Dns.Cloud, expected.Dns.SipTarget, expected.Dns.Lyncdiscover, expected.Dns.Ttl),
                (actual.Dns.Profile, actual.Dns.Cloud, actual.Dns.SipTarget, actual.Dns.Lyncdiscover, actual.Dns.Ttl));

            var regenerated = Generator.Build([policyFile], null, new DiagnosticBag())!.Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
            string Again(string relative) => $"{actual.Name}/{relative}";
            Assert.Equal(File.ReadAllBytes(sources[0]), regenerated[Again("registry/TrustModelData.reg")]);
            Assert.Equal(File.ReadAllBytes(sources[1]), regenerated[Again("gpo/Machine/Registry.pol")]);
            foreach (var domain in expected.Domains)
            {
                Assert.Equal(Records(File.ReadAllBytes(Path.Combine(folder, "dns", domain + ".zone"))), Records(regenerated[Again($"dns/{domain}.zone")]));
            }
        }
    }

    /// <summary>A zone snippet's lines that are not comments: $ORIGIN, $TTL and the records.</summary>
    private static string[] Records(byte[] zone) =>
        [.. System.Text.Encoding.UTF8.GetString(zone).Split('\n').Where(l => l.Length > 0 && !l.StartsWith(';'))];
}
