using System.Security.Cryptography;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Output;

/// <summary>What the streaming output stage writes: tenants rendered on several threads yet every byte
/// as the golden cases expect (manifest included), written the same twice over; a template that fails
/// on a tenant after others were staged changes nothing; a summary at scale names a few tenants and
/// counts the rest.</summary>
public sealed class StreamedOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-streamed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, string> Hashes(string root) => Directory
        .EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith(".ACTUAL", StringComparison.Ordinal))
        .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(GoldenCases.Valid), MemberType = typeof(GoldenCases))]
    public void Generate_writes_exactly_the_golden_bytes(string name)
    {
        var output = Path.Combine(_dir, "out");
        var run = CliRunner.Run(["generate", .. GoldenCases.Inputs(name), "--out", output, "--quiet"]);
        Assert.True(run.Code == ExitCodes.Success, run.ToString()); // some cases warn
        Assert.Equal(Hashes(GoldenCases.Expected(name)), Hashes(output));
    }

    [Fact]
    public void Many_tenants_rendered_on_several_threads_give_the_same_bytes_every_time()
    {
        var policies = Directory.CreateDirectory(Path.Combine(_dir, "tenants")).FullName;
        for (var t = 0; t < 24; t++)
        {
            // Names whose path order differs from their own ("a" < "a-b", but "a-b/" < "a/").
            File.WriteAllText(Path.Combine(policies, $"p{t}.yaml"), $"tenant: {{name: {(t % 2 == 0 ? $"t{t}" : $"t{t - 1}-b")}}}\ndomains: [d.t{t}.example, e.t{t}.example]\nproxy: {{kind: {(t % 3 == 0 ? "tmg" : "other")}}}\n");
        }

        var first = Path.Combine(_dir, "first");
        var second = Path.Combine(_dir, "second");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policies, "--out", first, "--quiet").Code);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policies, "--out", second, "--quiet").Code);

        Assert.Equal(Hashes(first), Hashes(second));
        var manifest = File.ReadAllLines(Path.Combine(first, "manifest.json")).Where(l => l.TrimStart().StartsWith("\"path\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(manifest.Order(StringComparer.Ordinal), manifest); // the manifest in ordinal order of path
    }

    [Fact]
    public void A_template_that_fails_on_a_later_tenant_changes_nothing()
    {
        var policies = Directory.CreateDirectory(Path.Combine(_dir, "tenants")).FullName;
        foreach (var tenant in new[] { "alpha", "beta", "gamma", "omega" })
        {
            File.WriteAllText(Path.Combine(policies, tenant + ".yaml"), $"tenant: {{name: {tenant}}}\ndomains: [{tenant}.example]\n");
        }

        var output = Path.Combine(_dir, "out");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policies, "--out", output).Code);
        File.AppendAllText(Path.Combine(policies, "alpha.yaml"), "dns: {ttl: 600}\n"); // alpha's files would change
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "zone.sbn"), "$ORIGIN {{ domain }}.\n{{ if tenant == 'omega' }}{{ no_such_variable }}{{ end }}\n");
        var before = Hashes(output);

        var run = CliRunner.Run("generate", policies, "--out", output, "--templates", templates);

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Contains("zone.sbn(2,", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error SFB090:", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Hashes(output));
        Assert.False(Directory.Exists(Path.Combine(output, SfbPolicyGen.Output.OutputFolder.StagingName)));
    }

    [Fact]
    public void Summaries_at_scale_name_a_few_tenants_and_count_the_rest()
    {
        var policies = Directory.CreateDirectory(Path.Combine(_dir, "tenants")).FullName;
        for (var t = 1; t <= 8; t++)
        {
            File.WriteAllText(Path.Combine(policies, $"t{t}.yaml"), $"tenant: {{name: t{t}}}\ndomains: [t{t}.example]\n");
        }

        var output = Path.Combine(_dir, "out");
        var validate = CliRunner.Run("validate", policies);
        var generate = CliRunner.Run("generate", policies, "--out", output);

        Assert.Equal("8 policy file(s) valid: t1, t2, t3, t4, t5 and 3 more.\n", validate.Stdout);
        Assert.StartsWith("8 policy file(s), 8 tenant(s) (t1, t2, t3, t4, t5 and 3 more) → ", generate.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("t8", generate.Stdout, StringComparison.Ordinal);
    }
}
