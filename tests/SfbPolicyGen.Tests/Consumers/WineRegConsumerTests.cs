using System.Text;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Each .reg imported by Wine's reg.exe into a throw-away prefix and exported again: the export
/// must be the generated file byte for byte (docs/REGISTRY.md, ".reg files": Wine reproduces a canonical file when
/// values are sorted by name). reg export writes the parent keys that import created (Policies\Microsoft,
/// Office, Office\16.0) as empty blocks; only those are dropped before comparing. A retired client's key
/// first holds the value an earlier version set: after the import its block is empty, so the export is
/// the file without its deletion lines. Wine's exit code is not trusted: only what lands counts.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class WineRegConsumerTests(WinePrefix wine) : IClassFixture<WinePrefix>
{
    /// <summary>Every client key lives under this one; it is emptied before each import.</summary>
    private const string PoliciesRoot = @"HKEY_LOCAL_MACHINE\Software\Policies\Microsoft";

    [SkippableTheory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Reg_import_then_export_in_wine_gives_the_same_bytes(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var reg in ConsumerSuite.Artifacts(name, "reg"))
        {
            var generated = File.ReadAllBytes(reg.FullPath);
            var tenant = tenants[reg.Tenant];
            var keys = tenant.TrustModelData.Clients.Select(c => $@"{FormatFacts.Hive}\{FormatFacts.PolicyKey(c.Id)}");
            var retired = tenant.Retired.Clients.Select(c => $@"{FormatFacts.Hive}\{FormatFacts.PolicyKey(c.Id)}").ToList();
            var deletion = $"\"{FormatFacts.ValueName}\"=-\r\n";
            Assert.Equal(retired.Count, CountOf(Encoding.Unicode.GetString(generated), deletion));
            var expected = Encoding.Unicode.GetBytes(Encoding.Unicode.GetString(generated).Replace(deletion, "", StringComparison.Ordinal));
            Assert.Equal(expected, RoundTrip(generated, keys.Concat(retired), retired));
        }
    }

    [SkippableFact]
    public void Round_trip_tells_a_non_canonical_file_apart()
    {
        // Valid for regedit, but not its canonical form: a comment and values out of order.
        const string text = "Windows Registry Editor Version 5.00\r\n\r\n; a comment\r\n[HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Communicator]\r\n\"b\"=\"2\"\r\n\"TrustModelData\"=\"lync.com\"\r\n\r\n";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
        var exported = RoundTrip(bytes, [@"HKEY_LOCAL_MACHINE\Software\Policies\Microsoft\Communicator"], []);
        Assert.NotEqual(bytes, exported);
        Assert.Contains("\"TrustModelData\"=\"lync.com\"", Encoding.Unicode.GetString(exported), StringComparison.Ordinal);
    }

    /// <summary>Imports <paramref name="reg"/> into a Policies\Microsoft that holds only a TrustModelData
    /// value under each of <paramref name="deployedBefore"/>, and exports that tree, minus the empty parent
    /// blocks of <paramref name="keys"/> that import had to create.</summary>
    private byte[] RoundTrip(byte[] reg, IEnumerable<string> keys, IReadOnlyList<string> deployedBefore)
    {
        using var temp = ConsumerSuite.NewTempFolder();
        var input = temp.File("in.reg");
        var output = temp.File("out.reg");
        File.WriteAllBytes(input, reg);

        wine.Reg("delete", PoliciesRoot, "/f"); // absent on the first run: nothing to check
        foreach (var key in deployedBefore)
        {
            var added = wine.Reg("add", key, "/v", FormatFacts.ValueName, "/t", "REG_SZ", "/d", "deployed-before.example", "/f");
            Assert.True(added.ExitCode == 0, added.ToString());
        }

        var imported = wine.Reg("import", WinePrefix.WindowsPath(input));
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var exported = wine.Reg("export", PoliciesRoot, WinePrefix.WindowsPath(output), "/y");
        Assert.True(exported.ExitCode == 0 && File.Exists(output), exported.ToString());

        var text = Encoding.Unicode.GetString(File.ReadAllBytes(output));
        var listed = keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parent in listed.SelectMany(Parents).Where(p => !listed.Contains(p)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            text = text.Replace($"[{parent}]\r\n\r\n", "", StringComparison.Ordinal);
        }

        return Encoding.Unicode.GetBytes(text);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>The keys between <see cref="PoliciesRoot"/> (included) and <paramref name="key"/> (excluded).</summary>
    private static IEnumerable<string> Parents(string key)
    {
        for (var i = key.LastIndexOf('\\'); i >= PoliciesRoot.Length; i = key.LastIndexOf('\\', i - 1))
        {
            yield return key[..i];
        }
    }
}
