using System.Globalization;
using System.Text;
using CsCheck;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Concerns.Dns;
using SfbPolicyGen.Concerns.Proxy;
using SfbPolicyGen.Concerns.Trust;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Tests.Hostile;

/// <summary>Property-based tests with CsCheck generators, driven by a fixed seed so CI sees the same
/// inputs every run. SFB_PROPERTY_ITERATIONS (default 150) and SFB_PROPERTY_SEED run more or others.
/// 1. Any valid policy the generators make gives artifacts that the strict readers read back to what
///    the test computes from the YAML on its own (not from the tool's model).
/// 2. Any mutation of a valid file (lines deleted or repeated, types swapped, junk bytes, truncation)
///    ends in exit 0 or 2 with positioned diagnostics: never an exception, never exit 3.</summary>
public sealed partial class PropertyTests : IDisposable
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("SFB_PROPERTY_ITERATIONS"), out var n) ? n : 150;
    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("SFB_PROPERTY_SEED"), out var s) ? s : 20261125;

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-prop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Policy(string Tenant, string DisplayName, string[] Domains, string[] Clients, string[] Existing, bool KeepDefaults, string[] Add, string Proxy, string Profile, int Ttl, bool Lyncdiscover, string GpoName)
    {
        public string Yaml() => string.Join('\n',
            $"tenant: {{name: {Tenant}, displayName: {YamlText.Quote(DisplayName)}}}",
            $"domains: [{string.Join(", ", Domains)}]",
            $"trustModelData: {{clients: [{string.Join(", ", Clients)}], existing: [{string.Join(", ", Existing)}], keepMicrosoftDefaults: {(KeepDefaults ? "true" : "false")}, add: [{string.Join(", ", Add)}]}}",
            $"proxy: {{kind: {Proxy}}}",
            $"dns: {{profile: {Profile}, ttl: {Ttl.ToString(CultureInfo.InvariantCulture)}{(Profile == "skype-online" ? $", lyncdiscover: {(Lyncdiscover ? "true" : "false")}" : "")}}}",
            $"gpo: {{name: {YamlText.Quote(GpoName)}}}",
            "");

        /// <summary>The merge rule, written here from the README rather than taken from the tool.</summary>
        public string ExpectedTrustModelData() => string.Join(',', Existing
            .Concat(KeepDefaults ? FormatFacts.MicrosoftDefaults : [])
            .Concat(Domains).Concat(Add).Distinct(StringComparer.Ordinal));
    }

    private static readonly Gen<string> Label = Gen.Select(
        Gen.Char["abcdefghijklmnopqrstuvwxyz"],
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[0, 8],
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"],
        (first, middle, last) => first + new string(middle) + last);

    private static readonly Gen<string> Domain = Gen.Select(Label, Gen.OneOf("com", "fr", "de", "example", "co.uk"), (label, tld) => $"{label}.{tld}");

    private static Gen<string[]> Distinct(Gen<string> gen, int min, int max) => gen.Array[min, max].Select(a => a.Distinct(StringComparer.Ordinal).ToArray()).Where(a => a.Length >= min);

    // Free text with the characters escapers exist for; no control or bidi characters (refused at load),
    // and only characters of the BMP (a char generator would split a surrogate pair).
    private static readonly Gen<string> FreeText = Gen.Select(
        Gen.Char["abcXYZ09"],
        Gen.Char["abc XYZ 09'\"\\$`(){}[]<>&;:#%|*_~!-,.‘’€é"].Array[0, 40],
        Gen.Char["abcXYZ09"],
        (first, middle, last) => first + new string(middle) + last);

    private static readonly Gen<Policy> Policies =
        from tenant in Label
        from display in FreeText
        from domains in Distinct(Domain, 1, 6)
        from clients in Gen.Int[1, 7].Select(mask => new[] { "communicator", "lync2013", "skype2016" }.Where((_, i) => (mask & (1 << i)) != 0).ToArray())
        from existing in Distinct(Domain, 0, 3)
        from keep in Gen.Bool
        from add in Distinct(Domain, 0, 3)
        from proxy in Gen.OneOf("none", "tmg", "other")
        from profile in Gen.OneOf("troubleshooting", "skype-online", "teams-only")
        from ttl in Gen.Int[300, 86400]
        from lyncdiscover in Gen.Bool
        from gpo in FreeText
        select new Policy(tenant, display, domains, clients, existing.Except(domains).ToArray(), keep, add.Except(domains).Except(existing).ToArray(), proxy, profile, ttl, lyncdiscover, gpo);

    [Fact]
    public void Generated_valid_policies_read_back_to_what_the_yaml_says()
    {
        var templates = TemplateSet.Load(SfbPolicyGen.Concerns.ConcernRegistry.Default.Templates, null, new DiagnosticBag())!;
        ForAll(Policies, policy =>
        {
            var diagnostics = new DiagnosticBag();
            var tenant = PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes(policy.Yaml()), diagnostics);
            Assert.True(tenant is not null, string.Join('\n', diagnostics.Sorted()));
            var files = new GeneratedTree([tenant.SourceFile], [tenant], (t, h) => ArtifactPipeline.Write(t, SfbPolicyGen.Concerns.ConcernRegistry.Default, templates, h)).Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
            var value = policy.ExpectedTrustModelData();
            var keys = policy.Clients.Select(FormatFacts.PolicyKey).Order(StringComparer.Ordinal).ToList();

            Assert.Equal(keys.Select(k => $@"{FormatFacts.Hive}\{k}={value}"), StrictRegReader.Parse(files[TrustKinds.Reg.PathOf(policy.Tenant)]).Select(e => $"{e.Key}={e.Data}"));
            Assert.Equal(keys.Select(k => $"{k}={value}"), StrictPolReader.Parse(files[TrustKinds.RegistryPol.PathOf(policy.Tenant)]).Select(e => $"{e.Key}={e.Text}"));
            foreach (var domain in policy.Domains)
            {
                var (origin, ttl, records) = ZoneReader.Parse(Encoding.UTF8.GetString(files[DnsKinds.Zone.PathOf(policy.Tenant, domain)]));
                Assert.Equal((domain, policy.Ttl), (origin, ttl));
                Assert.Equal(ExpectedRecordCount(policy), records.Count);
                Assert.All(records, r => Assert.Equal(policy.Ttl, r.Ttl));
            }

            Assert.Equal(policy.Proxy == "tmg", files.ContainsKey(ProxyKinds.TmgClientIni.PathOf(policy.Tenant)));
            if (policy.Proxy == "tmg")
            {
                Assert.Equal(["Disable", "DisableEx"], StrictIniReader.Parse(Encoding.ASCII.GetString(files[ProxyKinds.TmgClientIni.PathOf(policy.Tenant)]))["msoidsvc"].Select(kv => kv.Key));
            }

            var gpo = PowerShellScript.Parse(files[TrustKinds.GpoScript.PathOf(policy.Tenant)], "gpo script");
            Assert.Empty(gpo.Errors);
            Assert.Equal(policy.GpoName, gpo.Constant("gpoName"));
            var adml = AdmxSchema.Load(files[TrustKinds.Adml.PathOf(policy.Tenant, "en-US", $"SfbPolicyGen-{policy.Tenant}")]);
            Assert.Contains(adml.Descendants(FormatFacts.AdmxNamespace + "string"), e => e.Value.Contains(policy.DisplayName, StringComparison.Ordinal));
        });
    }

    private static int ExpectedRecordCount(Policy policy) => policy.Profile switch
    {
        "troubleshooting" => 1,
        "teams-only" => 1,
        _ => policy.Lyncdiscover ? 4 : 3,
    };

    private static readonly string[] Seeds = [.. GoldenCases.All.Where(GoldenCases.IsValid).SelectMany(GoldenCases.Inputs).Select(File.ReadAllText)];

    private static readonly Gen<byte[]> Mutations =
        from seed in Gen.Int[0, Seeds.Length - 1]
        from operation in Gen.Int[0, 5]
        from at in Gen.Int[0, int.MaxValue]
        from junk in Gen.Byte.Array[1, 8]
        from replacement in Gen.OneOf("[x]", "{a: b}", "~", "\"", "- ", ": :", "&a x", "*a", "!!binary x", "\t", "%YAML 1.1", "--- ", "...", "? ")
        select Mutate(Seeds[seed], operation, at, junk, replacement);

    [Fact]
    public void Mutated_files_end_in_exit_0_or_2_with_positioned_diagnostics()
    {
        var path = Path.Combine(_dir, "policies.yaml");
        var refused = 0;
        ForAll(Mutations, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            var run = CliRunner.Run("validate", path);
            Assert.True(run.Code is ExitCodes.Success or ExitCodes.InvalidInput, run.ToString());
            foreach (var line in run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.Matches(Positioned(), line);
            }

            if (run.Code == ExitCodes.InvalidInput)
            {
                Assert.Contains(": error SFB", run.Stderr, StringComparison.Ordinal);
                refused++;
            }
        });
        Assert.True(refused > Iterations / 3, $"only {refused} of {Iterations} mutations were refused");
    }

    private static byte[] Mutate(string text, int operation, int at, byte[] junk, string replacement)
    {
        var lines = text.Split('\n').ToList();
        var line = at % lines.Count;
        switch (operation)
        {
            case 0:
                lines.RemoveAt(line);
                break;
            case 1:
                lines.Insert(line, lines[line]);
                break;
            case 2:
                var colon = lines[line].IndexOf(':', StringComparison.Ordinal);
                lines[line] = colon < 0 ? replacement : lines[line][..(colon + 1)] + " " + replacement;
                break;
            case 3:
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                bytes.InsertRange(at % (bytes.Count + 1), junk);
                return [.. bytes];
            case 4:
                return Encoding.UTF8.GetBytes(text[..(at % (text.Length + 1))]);
            default:
                lines[line] = replacement + lines[line];
                break;
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    /// <summary>Runs <paramref name="check"/> on <see cref="Iterations"/> values of <paramref name="gen"/>
    /// drawn from one fixed seed: the same values on every run, in CI and here.</summary>
    private static void ForAll<T>(Gen<T> gen, Action<T> check)
    {
        var pcg = new PCG(1, Seed);
        for (var i = 0; i < Iterations; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try
            {
                check(value);
            }
            catch (Exception ex)
            {
                var shown = value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString();
                throw new Xunit.Sdk.XunitException($"iteration {i} of seed {Seed} fails for:\n{shown}\n{ex.Message}");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^.+\(\d+,\d+\): (error|warning) SFB\d{3}: .+$")]
    private static partial System.Text.RegularExpressions.Regex Positioned();
}
