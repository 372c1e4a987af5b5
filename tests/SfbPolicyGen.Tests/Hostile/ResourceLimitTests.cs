using System.Text;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Hostile;

/// <summary>Each resource limit of the README refuses its input with a clear, positioned error.</summary>
public sealed class ResourceLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IReadOnlyList<Diagnostic> Load(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes(yaml), diagnostics));
        return diagnostics.Sorted();
    }

    [Fact]
    public void A_file_over_10_mib_is_refused_before_it_is_read()
    {
        var path = Path.Combine(_dir, "big.yaml");
        using (var stream = File.Create(path))
        {
            stream.Write(Encoding.UTF8.GetBytes("tenant: {name: t}\ndomains: [t.example]\n# "));
            stream.SetLength(Generator.MaxFileBytes + 1);
        }

        var run = CliRunner.Run("validate", path);
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal($"{path}(1,1): error SFB008: the file is larger than 10 MiB; a policy file is a few kilobytes\n", run.Stderr);
    }

    [Fact]
    public void A_saved_plan_over_256_mib_is_refused_before_it_is_read()
    {
        var policy = Path.Combine(_dir, "p.yaml");
        File.WriteAllText(policy, "tenant: {name: t}\ndomains: [t.example]\n");
        var plan = Path.Combine(_dir, "plan.json");
        using (var stream = File.Create(plan))
        {
            stream.Write(Encoding.UTF8.GetBytes("{\"format\": \"sfbpolicygen-plan\", "));
            stream.SetLength(SfbPolicyGen.Plan.SavedPlan.MaxBytes + 1);
        }

        var run = CliRunner.Run("generate", policy, "--out", Path.Combine(_dir, "out"), "--plan", plan);
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal($"{plan}(1,1): error SFB051: the file is larger than 256 MiB; it is not a plan sfbpolicygen saved\n", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void Billion_laughs_is_refused_without_expanding_anything()
    {
        var yaml = new StringBuilder("tenant: {name: t}\ndomains: [t.example]\nlol0: &l0 lol\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"lol{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        }

        var diagnostics = Load(yaml.ToString());
        var aliases = diagnostics.Where(d => d.Code == "SFB005").ToList();
        Assert.Equal(90, aliases.Count); // one per alias written in the file, not 10^9
        Assert.Equal((4, 12), (aliases[0].Line, aliases[0].Column));
    }

    [Fact]
    public void Deep_nesting_is_refused_at_the_limit()
    {
        var yaml = "tenant: {name: t}\ndomains: [t.example]\nx: " + new string('[', 200) + new string(']', 200) + "\n";
        var diagnostic = Assert.Single(Load(yaml), d => d.Code == "SFB007");
        Assert.Equal(3, diagnostic.Line);
    }

    [Fact]
    public void A_huge_scalar_is_refused_with_its_position()
    {
        var yaml = $"tenant: {{name: t, displayName: {new string('x', 1_000_000)}}}\ndomains: [t.example]\n";
        var diagnostics = Load(yaml);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("SFB009", 1, 32), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains("1000000 characters is refused (at most 65536)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_free_text_below_the_scalar_limit_meets_its_own_limit()
    {
        var diagnostic = Assert.Single(Load($"tenant: {{name: t, displayName: {new string('x', 5000)}}}\ndomains: [t.example]\n"));
        Assert.Equal("SFB025", diagnostic.Code);
    }
}
