using System.Text;
using System.Text.Json;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Schema;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Loading;

/// <summary>The safety section: read with the loader's own readers, and described alike by the schema,
/// init's template and the README's reference table, from the one key table and the model's defaults.</summary>
public sealed class SafetySectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-safety-section-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (TenantPolicy? Policy, IReadOnlyList<Diagnostic> Diagnostics) Load(string yaml)
    {
        var bag = new DiagnosticBag();
        var policy = PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes(yaml), bag);
        return (policy, bag.Sorted());
    }

    [Fact]
    public void Without_a_safety_section_the_defaults_are_octodns_thresholds()
    {
        var (policy, diagnostics) = Load("tenant: {name: c}\ndomains: [c.example]\n");
        Assert.Empty(diagnostics);
        Assert.Equal(new SafetyPolicy(30, 10), policy!.Safety);
        Assert.Equal(SafetyPolicy.Default, policy.Safety);
    }

    [Theory]
    [InlineData("safety: {maxRemovedPercent: 50}", 50, 10)]
    [InlineData("safety: {minExisting: 3}", 30, 3)]
    [InlineData("safety: {maxRemovedPercent: 0, minExisting: 1}", 0, 1)]
    [InlineData("safety: {maxRemovedPercent: 100}", 100, 10)]
    [InlineData("safety: {}", 30, 10)]
    public void Each_threshold_can_be_set_alone(string safety, int percent, int minimum)
    {
        var (policy, diagnostics) = Load($"tenant: {{name: c}}\ndomains: [c.example]\n{safety}\n");
        Assert.Empty(diagnostics);
        Assert.Equal(new SafetyPolicy(percent, minimum), policy!.Safety);
    }

    [Theory]
    [InlineData("safety: {maxRemovedPercent: 101}", "SFB024", "(3,29)", "'safety.maxRemovedPercent' must be a whole number from 0 to 100 (percent, no unit), found '101'")]
    [InlineData("safety: {maxRemovedPercent: 30%}", "SFB024", "(3,29)", "'safety.maxRemovedPercent' must be a whole number from 0 to 100 (percent, no unit), found '30%'")]
    [InlineData("safety: {maxRemovedPercent: \"30\"}", "SFB024", "(3,29)", "'safety.maxRemovedPercent' must be a whole number from 0 to 100 (percent, no unit), found '30', which is quoted (a string): write it without quotes, maxRemovedPercent: 30")]
    [InlineData("safety: {minExisting: 0}", "SFB024", "(3,23)", "'safety.minExisting' must be a whole number from 1 to 2147483647 (a count, no unit), found '0'")]
    [InlineData("safety: {minExisting: [10]}", "SFB012", "(3,23)", "'safety.minExisting' must be a value, found a list")]
    [InlineData("safety: {maxRemovedPercnt: 20}", "SFB010", "(3,10)", "unknown key 'maxRemovedPercnt' in 'safety'; did you mean 'maxRemovedPercent'? (known keys: maxRemovedPercent, minExisting)")]
    [InlineData("safety: 30", "SFB012", "(3,9)", "'safety' must be a mapping, found a scalar")]
    public void A_bad_threshold_is_a_positioned_error(string safety, string code, string at, string message)
    {
        var (policy, diagnostics) = Load($"tenant: {{name: c}}\ndomains: [c.example]\n{safety}\n");
        Assert.Null(policy);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((code, at, message), (diagnostic.Code, $"({diagnostic.Line},{diagnostic.Column})", diagnostic.Message));
    }

    /// <summary>init's file shows the section commented out, with the model's defaults: uncommented, it
    /// loads to exactly those, and passes the committed schema.</summary>
    [Fact]
    public void Inits_commented_section_uncommented_gives_the_defaults_and_fits_the_schema()
    {
        var text = PolicyFileTemplate.Render("p.yaml", "c", ["c.example"], "none");
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("# safety:", StringComparison.Ordinal));
        Assert.True(start >= 0, text);
        Assert.Equal(TenantKeys.Safety.Keys.Length, lines.Skip(start + 1).TakeWhile(l => l.StartsWith("#   ", StringComparison.Ordinal)).Count());
        for (var i = start; i <= start + TenantKeys.Safety.Keys.Length; i++)
        {
            lines[i] = lines[i][2..];
        }

        var path = Path.Combine(_dir, "p.yaml");
        File.WriteAllText(path, string.Join('\n', lines));
        var (policy, diagnostics) = Load(File.ReadAllText(path));
        Assert.Empty(diagnostics);
        Assert.Equal(SafetyPolicy.Default, policy!.Safety);
        Assert.True(PolicySchemaCheck.IsValid(path));
    }

    [Theory]
    [InlineData("safety: {maxRemovedPercent: 101}")]
    [InlineData("safety: {maxRemovedPercent: -1}")]
    [InlineData("safety: {minExisting: 0}")]
    [InlineData("safety: {minExisting: ten}")]
    [InlineData("safety: {maxRemoved: 10}")]
    public void The_schema_refuses_what_the_loader_refuses(string safety)
    {
        var path = Path.Combine(_dir, "p.yaml");
        File.WriteAllText(path, $"tenant: {{name: c}}\ndomains: [c.example]\n{safety}\n");
        Assert.False(PolicySchemaCheck.IsValid(path), "the schema accepts it");
        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("validate", path).Code);
    }

    /// <summary>The schema's safety properties are the loader's keys, each with its default in its
    /// description; the README's reference table has a row for each, with the same default.</summary>
    [Fact]
    public void Schema_and_readme_describe_every_key_with_the_models_default()
    {
        var defaults = new Dictionary<string, int>
        {
            ["maxRemovedPercent"] = SafetyPolicy.DefaultMaxRemovedPercent,
            ["minExisting"] = SafetyPolicy.DefaultMinExisting,
        };
        Assert.Equal(defaults.Keys.Order(StringComparer.Ordinal), TenantKeys.Safety.KeyNames.Order(StringComparer.Ordinal));

        using var schema = JsonDocument.Parse(PolicySchema.Text());
        var properties = schema.RootElement.GetProperty("properties").GetProperty("safety").GetProperty("properties");
        Assert.Equal(TenantKeys.Safety.KeyNames, properties.EnumerateObject().Select(p => p.Name));
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        foreach (var (key, value) in defaults)
        {
            Assert.Contains($"(default {value})", properties.GetProperty(key).GetProperty("description").GetString(), StringComparison.Ordinal);
            var row = Assert.Single(readme, l => l.StartsWith($"| `safety.{key}` |", StringComparison.Ordinal));
            Assert.Equal($"`{value}`", row.Split('|')[3].Trim());
        }
    }
}
