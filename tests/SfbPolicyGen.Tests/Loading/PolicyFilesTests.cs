using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Loading;

/// <summary>Files, folders and patterns on the command line: a repository of tenants is read the same
/// way from every shell, once per file, without the schema file beside the policies.</summary>
public sealed class PolicyFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-inputs-").FullName;

    public PolicyFilesTests()
    {
        Write("tenants/beta.yaml", "beta");
        Write("tenants/alpha.yaml", "alpha");
        Write("tenants/emea/gamma.yml", "gamma");
        Write("tenants/.archive/old.yaml", "old");
        File.WriteAllText(Path.Combine(_dir, "tenants", "policies.schema.json"), "{}");
        File.WriteAllText(Path.Combine(_dir, "tenants", "notes.txt"), "not a policy");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Tenants => Path.Combine(_dir, "tenants");

    private void Write(string relative, string tenant)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"tenant: {{name: {tenant}}}\ndomains: [{tenant}.example]\n");
    }

    /// <summary>The files found, relative to the test folder, then "|" and the diagnostics.</summary>
    private string Expand(params string[] arguments)
    {
        var diagnostics = new DiagnosticBag();
        var files = PolicyFiles.Expand(arguments, diagnostics);
        return string.Join(' ', files.Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/')))
            + " | " + string.Join("; ", diagnostics.Sorted().Select(d => $"{d.Code} {Path.GetRelativePath(_dir, d.File!).Replace('\\', '/')}: {d.Message}"));
    }

    [Fact]
    public void A_folder_gives_every_yaml_and_yml_below_it_in_ordinal_order_hidden_folders_skipped() =>
        Assert.Equal("tenants/alpha.yaml tenants/beta.yaml tenants/emea/gamma.yml | ", Expand(Tenants));

    [Fact]
    public void A_pattern_is_expanded_by_the_tool_and_takes_only_policy_files()
    {
        Assert.Equal("tenants/alpha.yaml tenants/beta.yaml | ", Expand(Path.Combine(Tenants, "*.yaml")));
        Assert.Equal("tenants/alpha.yaml tenants/beta.yaml | ", Expand(Path.Combine(Tenants, "*")));
        Assert.Equal("tenants/alpha.yaml tenants/beta.yaml tenants/emea/gamma.yml | ", Expand(Path.Combine(Tenants, "**", "*")));
    }

    [Fact]
    public void The_same_file_reached_twice_is_read_once()
    {
        var alpha = Path.Combine(Tenants, "alpha.yaml");
        Assert.Equal("tenants/alpha.yaml tenants/beta.yaml tenants/emea/gamma.yml | ",
            Expand(alpha, Path.Combine(Tenants, ".", "alpha.yaml"), Tenants, Path.Combine(Tenants, "*.yaml")));
    }

    [Fact]
    public void A_file_named_on_its_own_is_read_whatever_its_extension() =>
        Assert.Equal("tenants/notes.txt | ", Expand(Path.Combine(Tenants, "notes.txt")));

    [Fact]
    public void A_pattern_that_matches_nothing_and_an_empty_folder_are_errors_that_say_so()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        Assert.Equal(
            " | SFB001 empty: this folder holds no policy file (*.yaml, *.yml); "
            + "SFB001 missing/*.yaml: no policy file (*.yaml, *.yml) matches this pattern; "
            + "SFB001 nope.yaml: file not found; "
            + "SFB001 tenants/*.json: no policy file (*.yaml, *.yml) matches this pattern",
            Expand(Path.Combine(Tenants, "*.json"), Path.Combine(_dir, "missing", "*.yaml"), empty, Path.Combine(_dir, "nope.yaml")));
    }

    [Fact]
    public void Validate_reads_a_folder_of_tenants()
    {
        var run = CliRunner.Run("validate", Tenants);
        Assert.Equal((ExitCodes.Success, "3 policy file(s) valid: alpha, beta, gamma.\n"), (run.Code, run.Stdout));
    }
}
