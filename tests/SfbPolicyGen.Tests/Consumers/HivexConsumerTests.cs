using System.Text;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Each .reg merged into a copy of ../shared/hivex/minimal with hivexregedit (libwin-hivex-perl),
/// then read back: hivexget gives each TrustModelData, and the hive's export proves it landed as REG_SZ
/// under exactly the selected client keys and nowhere else (hivexregedit's exit code proves nothing:
/// it accepts a missing header or an unescaped quote, ../shared/hivex/README.md).</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class HivexConsumerTests
{
    /// <summary>The hive stands for HKLM\SOFTWARE: its root is that key.</summary>
    private const string HivePrefix = @"HKEY_LOCAL_MACHINE\Software";

    [SkippableTheory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Reg_merged_into_a_real_hive_holds_the_merged_list(string name)
    {
        var minimal = RepoPaths.SharedFile("hivex", "minimal");
        var regedit = ExternalTool.Require("hivexregedit", "libwin-hivex-perl");
        var hivexget = ExternalTool.Require("hivexget", "libhivex-bin");
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var reg in ConsumerSuite.Artifacts(name, "reg"))
        {
            var tenant = tenants[reg.Tenant];
            using var temp = ConsumerSuite.NewTempFolder();
            var hive = temp.File("hive");
            File.Copy(minimal, hive);

            // hivexregedit creates no missing parent key: merge the ancestors first. It reads UTF-8 with LF.
            // A retired client's key holds the value an earlier version set, which the file must delete.
            var keys = tenant.TrustModelData.Clients.Select(c => RelativeToHive(FormatFacts.PolicyKey(c.Id))).ToList();
            var retiredKeys = tenant.Retired.Clients.Select(c => RelativeToHive(FormatFacts.PolicyKey(c.Id))).ToList();
            var ancestors = keys.Concat(retiredKeys).SelectMany(Ancestors).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            File.WriteAllText(temp.File("ancestors.reg"), $"{FormatFacts.RegHeader}\n\n{string.Concat(ancestors.Select(a => $"[{HivePrefix}\\{a}]\n\n"))}"
                + string.Concat(retiredKeys.Select(k => $"[{HivePrefix}\\{k}]\n\"{FormatFacts.ValueName}\"=\"deployed-before.example\"\n\n")));
            var generated = File.ReadAllBytes(reg.FullPath);
            File.WriteAllText(temp.File("merge.reg"), Encoding.Unicode.GetString(generated, 2, generated.Length - 2).Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false));
            foreach (var file in new[] { "ancestors.reg", "merge.reg" })
            {
                var merged = ExternalTool.Run(regedit, ["--merge", "--prefix", HivePrefix, hive, temp.File(file)]);
                Assert.True(merged.ExitCode == 0, merged.ToString());
            }

            foreach (var key in keys)
            {
                var read = ExternalTool.Run(hivexget, [hive, "\\" + key, FormatFacts.ValueName]);
                Assert.True(read.ExitCode == 0, read.ToString());
                Assert.Equal(tenant.TrustModelData.RegistryValue + "\n", read.Stdout);
            }

            foreach (var key in retiredKeys)
            {
                var read = ExternalTool.Run(hivexget, [hive, "\\" + key, FormatFacts.ValueName]);
                Assert.True(read.ExitCode != 0 && read.Stdout.Length == 0, $"{key} still holds TrustModelData: {read}");
            }

            // Everything the hive now holds: one REG_SZ TrustModelData per client key, nothing else (the
            // retired clients' keys are left empty).
            var export = ExternalTool.Run(regedit, ["--export", hive, "\\"]);
            Assert.True(export.ExitCode == 0, export.ToString());
            var expected = keys.Select(k => ("\\" + k, $"\"{FormatFacts.ValueName}\"=hex(1):" + HexOfRegSz(tenant.TrustModelData.RegistryValue))).Order();
            Assert.Equal(expected, ValuesOf(export.Stdout).Order());
        }
    }

    private static string RelativeToHive(string policyKey)
    {
        Assert.StartsWith(@"Software\", policyKey, StringComparison.Ordinal);
        return policyKey[@"Software\".Length..];
    }

    private static IEnumerable<string> Ancestors(string key)
    {
        for (var i = key.IndexOf('\\', StringComparison.Ordinal); i > 0; i = key.IndexOf('\\', i + 1))
        {
            yield return key[..i];
        }
    }

    /// <summary>hivexregedit writes REG_SZ as hex(1): UTF-16LE bytes with the terminating NUL.</summary>
    private static string HexOfRegSz(string value) =>
        string.Join(',', Encoding.Unicode.GetBytes(value + "\0").Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>(key, value line) for each value line of a hivexregedit export.</summary>
    private static IEnumerable<(string Key, string Value)> ValuesOf(string export)
    {
        string? key = null;
        foreach (var line in export.Split('\n'))
        {
            if (line.StartsWith('['))
            {
                key = line.TrimEnd()[1..^1];
            }
            else if (line.StartsWith('"') || line.StartsWith('@'))
            {
                yield return (key!, line.TrimEnd());
            }
        }
    }
}
