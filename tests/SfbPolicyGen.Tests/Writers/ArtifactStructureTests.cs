using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SfbPolicyGen.Concerns.ActiveDirectory;
using SfbPolicyGen.Concerns.ClientCleanup;
using SfbPolicyGen.Concerns.Dns;
using SfbPolicyGen.Concerns.Trust;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Writers;

/// <summary>Structural checks on the committed artifacts of every valid golden case and of the sample
/// out/: a snapshot can only be right if these pass. Each artifact is re-read by a reader that does
/// not share code with its writer, and compared with the model loaded from the same policy files.</summary>
public partial class ArtifactStructureTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Every_admx_reference_resolves_in_every_adml(string name)
    {
        foreach (var tenant in GoldenCases.Tenants(name))
        {
            var admxPath = GoldenCases.ExpectedFile(name, TrustKinds.Admx.PathOf(tenant.Name, tenant.Admx.FileName));
            var admx = AdmxSchema.Load(File.ReadAllBytes(admxPath));
            Assert.Equal(FormatFacts.AdmxNamespace, admx.Root!.Name.Namespace);
            var text = admx.ToString();
            var stringRefs = StringRef().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
            var presentationRefs = PresentationRef().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
            var textIds = admx.Descendants(FormatFacts.AdmxNamespace + "text").Select(t => (string)t.Attribute("id")!).ToHashSet();
            Assert.NotEmpty(stringRefs);
            Assert.Equal(tenant.TrustModelData.Clients.Length, presentationRefs.Count);

            foreach (var language in tenant.Admx.Languages)
            {
                var adml = AdmxSchema.Load(File.ReadAllBytes(GoldenCases.ExpectedFile(name, TrustKinds.Adml.PathOf(tenant.Name, language, tenant.Admx.FileName))));
                Assert.Equal(FormatFacts.AdmxNamespace, adml.Root!.Name.Namespace);
                var strings = adml.Descendants(FormatFacts.AdmxNamespace + "string").Select(s => (string)s.Attribute("id")!).ToHashSet();
                var presentations = adml.Descendants(FormatFacts.AdmxNamespace + "presentation").ToList();
                Assert.Empty(stringRefs.Except(strings));
                Assert.Empty(presentationRefs.Except(presentations.Select(p => (string)p.Attribute("id")!)));
                Assert.Empty(strings.Except(stringRefs));
                foreach (var textBox in presentations.Descendants(FormatFacts.AdmxNamespace + "textBox"))
                {
                    Assert.Contains((string)textBox.Attribute("refId")!, textIds);
                    Assert.Equal(tenant.TrustModelData.RegistryValue, (string?)textBox.Element(FormatFacts.AdmxNamespace + "defaultValue"));
                }

                // No padding white space in any text (the editor shows it as is).
                Assert.All(adml.Descendants(FormatFacts.AdmxNamespace + "string"), s => Assert.Equal(s.Value.Trim(), s.Value));
            }

            var maxLength = admx.Descendants(FormatFacts.AdmxNamespace + "text").Select(t => (int)t.Attribute("maxLength")!).Distinct().Single();
            Assert.True(maxLength >= tenant.TrustModelData.RegistryValue.Length, $"maxLength {maxLength} is shorter than the value");
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Reg_file_is_canonical_and_holds_the_merged_value_for_each_client(string name)
    {
        foreach (var tenant in GoldenCases.Tenants(name))
        {
            var bytes = File.ReadAllBytes(GoldenCases.ExpectedFile(name, TrustKinds.Reg.PathOf(tenant.Name)));
            var entries = StrictRegReader.Parse(bytes);
            var expected = tenant.TrustModelData.Clients
                .Select(c => new RegEntry($@"{FormatFacts.Hive}\{FormatFacts.PolicyKey(c.Id)}", FormatFacts.ValueName, tenant.TrustModelData.RegistryValue))
                .Concat(tenant.Retired.Clients.Select(c => new RegEntry($@"{FormatFacts.Hive}\{FormatFacts.PolicyKey(c.Id)}", FormatFacts.ValueName, null)))
                .OrderBy(e => e.Key, StringComparer.Ordinal);
            Assert.Equal(expected, entries);

            // The merge rule itself, read back from the file: existing first, each name once.
            var value = entries.First(e => e.Data is not null).Data!.Split(',');
            Assert.Equal(value.Length, value.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(tenant.TrustModelData.Existing, value.Take(tenant.TrustModelData.Existing.Length));
            Assert.All(tenant.Domains, d => Assert.Contains(d, value));
            Assert.Equal(tenant.TrustModelData.KeepMicrosoftDefaults, FormatFacts.MicrosoftDefaults.All(value.Contains));
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Registry_pol_reads_back_to_the_merged_value_for_each_client(string name)
    {
        foreach (var tenant in GoldenCases.Tenants(name))
        {
            var entries = StrictPolReader.Parse(File.ReadAllBytes(GoldenCases.ExpectedFile(name, TrustKinds.RegistryPol.PathOf(tenant.Name))));
            Assert.Equal(ExpectedPolEntries(tenant), entries.Select(e => (e.Key, e.Value, e.Type, e.Text)));
        }
    }

    /// <summary>The LGPO text beside Registry.pol states exactly its entries, in its order: a value as
    /// SZ:, a **del. entry as DELETE (LGPO.exe v2.2's text format).</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Lgpo_text_states_exactly_the_entries_of_registry_pol(string name)
    {
        foreach (var tenant in GoldenCases.Tenants(name))
        {
            var pol = StrictPolReader.Parse(File.ReadAllBytes(GoldenCases.ExpectedFile(name, TrustKinds.RegistryPol.PathOf(tenant.Name))));
            var text = StrictLgpoTextReader.Parse(File.ReadAllBytes(GoldenCases.ExpectedFile(name, TrustKinds.LgpoText.PathOf(tenant.Name))));
            Assert.Equal(
                pol.Select(e => e.Value.StartsWith("**del.", StringComparison.Ordinal) ? $"Computer|{e.Key}|{e.Value[6..]}|DELETE" : $"Computer|{e.Key}|{e.Value}|SZ:{e.Text}"),
                text.Select(r => $"{r.Configuration}|{r.Key}|{r.ValueName}|{r.Action}"));
            Assert.Equal(ExpectedPolEntries(tenant).Count(), text.Count);
        }
    }

    /// <summary>(key, value name, type, text) of each Registry.pol entry the model calls for: the merged
    /// value per listed client, a **del. entry (data a space, as gpedit writes) per retired client.</summary>
    private static IEnumerable<(string, string, uint, string)> ExpectedPolEntries(SfbPolicyGen.Model.TenantPolicy tenant) =>
        tenant.TrustModelData.Clients.Select(c => (FormatFacts.PolicyKey(c.Id), FormatFacts.ValueName, 1u, tenant.TrustModelData.RegistryValue))
            .Concat(tenant.Retired.Clients.Select(c => (FormatFacts.PolicyKey(c.Id), "**del." + FormatFacts.ValueName, 1u, " ")))
            .Order();

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Ldif_reads_back_to_one_replace_per_user_given_by_dn(string name)
    {
        foreach (var tenant in GoldenCases.Tenants(name))
        {
            var path = Path.Combine(GoldenCases.Expected(name), ActiveDirectoryKinds.Ldif.PathOf(tenant.Name));
            var names = tenant.ActiveDirectory?.DistinguishedNames.ToList() ?? [];
            Assert.Equal(names.Count > 0, File.Exists(path));
            Assert.Equal(tenant.ActiveDirectory is not null, File.Exists(Path.Combine(GoldenCases.Expected(name), ActiveDirectoryKinds.ActiveDirectoryScript.PathOf(tenant.Name))));
            Assert.Equal(tenant.ClientCleanup, File.Exists(Path.Combine(GoldenCases.Expected(name), ClientCleanupKinds.ClientCleanupScript.PathOf(tenant.Name))));
            if (names.Count > 0)
            {
                var records = StrictLdifReader.Parse(File.ReadAllBytes(path));
                Assert.Equal(names.Select(dn => $"{dn} replace {FormatFacts.SipEnabledAttribute}=TRUE"), records.Select(r => $"{r.Dn} {r.Operation} {r.Attribute}={string.Join('|', r.Values)}"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Zone_snippets_reparse_to_the_records_of_the_profile(string name)
    {
        foreach (var tenant in GoldenCases.Tenants(name))
        {
            var zones = Directory.EnumerateFiles(Path.Combine(GoldenCases.Expected(name), tenant.Name, "dns"), "*.zone").ToList();
            Assert.Equal(tenant.Domains.Length, zones.Count);
            foreach (var domain in tenant.Domains)
            {
                var (origin, ttl, records) = ZoneReader.Parse(File.ReadAllText(GoldenCases.ExpectedFile(name, DnsKinds.Zone.PathOf(tenant.Name, domain))));
                Assert.Equal(domain, origin);
                Assert.Equal(tenant.Dns.Ttl, ttl);
                var expected = tenant.Dns.Records.Select(r => new ZoneRecord(r.Name, r.Ttl, r.Type, FormatFacts.RecordData(r))).OrderBy(r => r.ToString(), StringComparer.Ordinal);
                Assert.Equal(expected, records.OrderBy(r => r.ToString(), StringComparer.Ordinal));
                Assert.Equal(records.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal), records);
            }
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Manifest_lists_every_file_with_its_hash_sorted_by_path(string name)
    {
        var root = GoldenCases.Expected(name);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "manifest.json")));
        var entries = manifest.RootElement.GetProperty("artifacts").EnumerateArray().ToList();
        var paths = entries.Select(e => e.GetProperty("path").GetString()!).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
        foreach (var entry in entries)
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, entry.GetProperty("path").GetString()!));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), entry.GetProperty("sha256").GetString());
            Assert.Equal(bytes.Length, entry.GetProperty("bytes").GetInt32());
            var kind = entry.GetProperty("kind").GetString();
            Assert.Equal(kind is "adml" or "guide", entry.TryGetProperty("language", out _));
            Assert.Equal(kind is "zone" or "nsupdate", entry.TryGetProperty("domain", out _));
        }

        var onDisk = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(p => p is not ("manifest.json" or ".gitattributes") && !p.EndsWith(".ACTUAL", StringComparison.Ordinal)); // the output stage's own
        Assert.Equal(onDisk.Order(StringComparer.Ordinal), paths);

        // The kinds and the layout written in the test, not taken from the output stage.
        var expected = GoldenCases.Tenants(name).SelectMany(GoldenCases.ExpectedArtifacts).Select(a => $"{a.Kind} {a.Path}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, entries.Select(e => $"{e.GetProperty("kind").GetString()} {e.GetProperty("path").GetString()}").Order(StringComparer.Ordinal));
    }

    /// <summary>Each kind in at least one case: a consumer test over a kind no case produces would pass
    /// without checking anything.</summary>
    [Fact]
    public void Every_kind_is_produced_by_some_valid_case()
    {
        var cases = GoldenCases.All.Where(GoldenCases.IsValid).Append(GoldenCases.Sample);
        var produced = cases.SelectMany(GoldenCases.Tenants).SelectMany(GoldenCases.ExpectedArtifacts).Select(a => a.Kind).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(GoldenCases.Kinds.ToHashSet(StringComparer.Ordinal), produced);
    }

    /// <summary>Each RFC 2136 file is one update message (one <c>send</c>, last) for its zone. A file that
    /// adds a record of the profile adds it only where its name holds nothing (prereq nxdomain for a
    /// CNAME, nxrrset SRV and CNAME for an SRV) or in place of the exact record its prerequisite names; a
    /// file deletes only the record its prerequisite names, or, without a prerequisite, only records of
    /// the tool's names whose data is one of Microsoft's targets (written here from docs/DNS.md, "The records",
    /// not from the code under test) that the profile does not want. A retired domain's file only deletes.</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Nsupdate_messages_add_only_where_nothing_stands_and_replace_or_delete_only_what_they_name(string name)
    {
        var microsoft = FormatFacts.MicrosoftRecords;
        foreach (var tenant in GoldenCases.Tenants(name))
        {
            var wanted = tenant.Dns.Records.ToDictionary(r => r.Name, r => $"{r.Name} {r.Type} {FormatFacts.RecordData(r)}", StringComparer.Ordinal);
            foreach (var (domain, retired) in tenant.Domains.Select(d => (d, false)).Concat(tenant.Retired.Domains.Select(d => (d, true))))
            {
                var folder = Path.Combine(GoldenCases.Expected(name), tenant.Name, "dns", "nsupdate", domain);
                foreach (var file in Directory.EnumerateFiles(folder))
                {
                    var lines = File.ReadAllText(file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith(';')).ToList();
                    string Relative(string line, int field) => line.Split(' ')[field][..^(domain.Length + 2)];
                    string Record(string line) => string.Join(' ', [Relative(line, 2), .. line.Split(' ').Skip(line.StartsWith("update add ", StringComparison.Ordinal) ? 4 : 3)]);
                    Assert.Equal($"zone {domain}.", lines[0]);
                    Assert.Equal("send", lines[^1]);
                    Assert.Equal(1, lines.Count(l => l == "send"));
                    var prerequisites = lines.Where(l => l.StartsWith("prereq ", StringComparison.Ordinal)).ToList();
                    var adds = lines.Where(l => l.StartsWith("update add ", StringComparison.Ordinal)).Select(Record).ToList();
                    var deletes = lines.Where(l => l.StartsWith("update delete ", StringComparison.Ordinal)).Select(Record).ToList();
                    Assert.Equal(lines.Count - 2, prerequisites.Count + adds.Count + deletes.Count);
                    Assert.All(adds, a => Assert.Contains(a, wanted.Values));
                    Assert.False(retired && adds.Count > 0, file);
                    switch (prerequisites.Select(p => string.Join(' ', p.Split(' ').Where((_, i) => i != 2))).ToList())
                    {
                        case ["prereq nxdomain"]:
                            Assert.Equal("CNAME", adds.Single().Split(' ')[1]);
                            Assert.Empty(deletes);
                            Assert.Equal(Relative(prerequisites[0], 2), adds[0].Split(' ')[0]);
                            break;
                        case ["prereq nxrrset SRV", "prereq nxrrset CNAME"]:
                            Assert.Equal("SRV", adds.Single().Split(' ')[1]);
                            Assert.Empty(deletes);
                            Assert.All(prerequisites, p => Assert.Equal(adds[0].Split(' ')[0], Relative(p, 2)));
                            break;
                        case [var exact] when exact.StartsWith("prereq yxrrset ", StringComparison.Ordinal):
                            // Replaced in the same message, and only the record the prerequisite names.
                            var named = string.Join(' ', [Relative(prerequisites[0], 2), .. prerequisites[0].Split(' ').Skip(3)]);
                            Assert.Equal([named], deletes);
                            Assert.Equal(wanted[Relative(prerequisites[0], 2)], adds.Single());
                            break;
                        case []:
                            Assert.Empty(adds);
                            Assert.NotEmpty(deletes);
                            Assert.All(deletes, d => Assert.Contains(d, microsoft));
                            Assert.All(deletes, d => Assert.True(retired || !wanted.ContainsKey(d.Split(' ')[0]), $"{file}: {d} at a name the profile publishes at"));
                            break;
                        default:
                            Assert.Fail($"{file}: prerequisites {string.Join("; ", prerequisites)}");
                            break;
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"\$\(string\.([A-Za-z0-9_]+)\)")]
    private static partial Regex StringRef();

    [GeneratedRegex(@"\$\(presentation\.([A-Za-z0-9_]+)\)")]
    private static partial Regex PresentationRef();
}
