using System.Text;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Each .reg imported by Wine's reg.exe into a throw-away prefix and exported again: the export
/// must be the generated file byte for byte (DOMAIN.md section 3: Wine reproduces a canonical file when
/// values are sorted by name). reg export writes the parent keys that import created (Policies\Microsoft,
/// Office, Office\16.0) as empty blocks; only those are dropped before comparing. Wine's exit code is
/// not trusted: only what lands counts.</summary>
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
            var keys = tenants[reg.Tenant].TrustModelData.Clients.Select(c => $@"{FormatFacts.Hive}\{FormatFacts.PolicyKey(c.Id)}");
            Assert.Equal(generated, RoundTrip(generated, keys));
        }
    }

    [SkippableFact]
    public void Round_trip_tells_a_non_canonical_file_apart()
    {
        // Valid for regedit, but not its canonical form: a comment and values out of order.
        const string text = "Windows Registry Editor Version 5.00\r\n\r\n; a comment\r\n[HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Communicator]\r\n\"b\"=\"2\"\r\n\"TrustModelData\"=\"lync.com\"\r\n\r\n";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
        var exported = RoundTrip(bytes, [@"HKEY_LOCAL_MACHINE\Software\Policies\Microsoft\Communicator"]);
        Assert.NotEqual(bytes, exported);
        Assert.Contains("\"TrustModelData\"=\"lync.com\"", Encoding.Unicode.GetString(exported), StringComparison.Ordinal);
    }

    /// <summary>Imports <paramref name="reg"/> into an empty Policies\Microsoft and exports that tree,
    /// minus the empty parent blocks of <paramref name="keys"/> that import had to create.</summary>
    private byte[] RoundTrip(byte[] reg, IEnumerable<string> keys)
    {
        using var temp = ConsumerSuite.NewTempFolder();
        var input = temp.File("in.reg");
        var output = temp.File("out.reg");
        File.WriteAllBytes(input, reg);

        wine.Reg("delete", PoliciesRoot, "/f"); // absent on the first run: nothing to check
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

    /// <summary>The keys between <see cref="PoliciesRoot"/> (included) and <paramref name="key"/> (excluded).</summary>
    private static IEnumerable<string> Parents(string key)
    {
        for (var i = key.LastIndexOf('\\'); i >= PoliciesRoot.Length; i = key.LastIndexOf('\\', i - 1))
        {
            yield return key[..i];
        }
    }
}
