using System.Security.Cryptography;
using System.Text.Json;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>plan --save and generate --plan: generate applies the reviewed plan, and only it; once the
/// policy, the options or the folder changed it writes nothing (exit 2), and a file that is not a saved
/// plan is a positioned error.</summary>
public sealed class SavedPlanTests : IDisposable
{
    private const string Before = "tenant: {name: t}\ndomains: [t.example, t2.example]\ntrustModelData: {clients: [communicator, skype2016]}\n";

    private const string After = "tenant: {name: t}\ndomains: [t.example, t3.example]\ntrustModelData: {clients: [skype2016]}\ndns: {ttl: 600}\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-saved-plan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    private string PlanFile => Path.Combine(_dir, "plan.json");

    private string Policy(string text, string name = "p.yaml")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Snapshot() => !Directory.Exists(Out) ? "" : string.Join('\n', Directory
        .EnumerateFileSystemEntries(Out, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        .Order(StringComparer.Ordinal)
        .Select(p => Path.GetRelativePath(Out, p) + (File.Exists(p) ? $" {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))} {File.GetLastWriteTimeUtc(p).Ticks}" : "/")));

    /// <summary>Every file under <paramref name="root"/> with its bytes' hash, without times.</summary>
    private static string Contents(string root) => string.Join('\n', Directory
        .EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => Path.GetRelativePath(root, p) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))));

    private static CliResult Run(params string[] args)
    {
        var run = CliRunner.Run(args);
        Assert.True(run.Code is ExitCodes.Success or ExitCodes.Differences, run.ToString());
        return run;
    }

    /// <summary>The policy generated as <see cref="Before"/>, changed to <see cref="After"/>, planned and saved.</summary>
    private string Planned(params string[] options)
    {
        var policy = Policy(Before);
        Run(["generate", policy, "--out", Out, .. options]);
        File.WriteAllText(policy, After);
        Run(["plan", policy, "--out", Out, "--save", PlanFile, .. options]);
        return policy;
    }

    private void AssertRefusedAsOutdated(CliResult run, string before)
    {
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith($"{PlanFile}(4,15): error SFB052: this run is not the one the saved plan describes, saved for '", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was written: run plan --save again and review the new plan\n", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Generate_applies_the_reviewed_plan_and_writes_what_a_plain_generate_writes()
    {
        var policy = Planned("--prune");
        var plain = Path.Combine(_dir, "plain");
        Directory.CreateDirectory(plain);
        CopyFolder(Out, plain);

        var applied = CliRunner.Run("generate", policy, "--out", Out, "--prune", "--plan", PlanFile);
        Assert.True(applied.Code == ExitCodes.Success, applied.ToString());
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", plain, "--prune").Code);
        Assert.Equal(Contents(plain), Contents(Out));
    }

    [Fact]
    public void The_saved_plan_is_the_json_plan_headed_by_its_checksum_and_the_command_that_applies_it()
    {
        var policy = Planned();
        var saved = JsonDocument.Parse(File.ReadAllText(PlanFile)).RootElement;
        Assert.Equal(
            ["format", "version", "checksum", "generate", "previousState", "leftAlone", "refusals", "changes"],
            saved.EnumerateObject().Select(p => p.Name));
        Assert.Equal("sfbpolicygen-plan", saved.GetProperty("format").GetString());
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", saved.GetProperty("checksum").GetString());
        Assert.Equal($"sfbpolicygen generate {policy} --out {Out} --plan {PlanFile}", saved.GetProperty("generate").GetString());

        // The plan a reviewer reads says the same: --format json prints the saved file, and text names it.
        var json = Run("plan", policy, "--out", Out, "--format", "json", "--save", PlanFile);
        Assert.Equal(File.ReadAllText(PlanFile), json.Stdout);
        var text = Run("plan", policy, "--out", Out, "--save", PlanFile);
        Assert.EndsWith(
            $"Plan saved to {PlanFile} (checksum {saved.GetProperty("checksum").GetString()}): 'sfbpolicygen generate {policy} --out {Out} --plan {PlanFile}' applies exactly this plan, and refuses once the policy files, the options or {Out} change.\n",
            text.Stdout,
            StringComparison.Ordinal);
        Assert.Contains("  TrustModelData (skype2016): + t3.example\n", text.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Saving twice over the same folder and policy gives the same file, byte for byte.</summary>
    [Fact]
    public void The_checksum_is_deterministic()
    {
        var policy = Planned();
        var first = File.ReadAllBytes(PlanFile);
        Run("plan", policy, "--out", Out, "--save", PlanFile);
        Assert.Equal(first, File.ReadAllBytes(PlanFile));
    }

    [Fact]
    public void A_policy_changed_after_the_plan_is_refused()
    {
        var policy = Planned();
        File.WriteAllText(policy, After.Replace("ttl: 600", "ttl: 900", StringComparison.Ordinal));
        var before = Snapshot();
        AssertRefusedAsOutdated(CliRunner.Run("generate", policy, "--out", Out, "--plan", PlanFile), before);
    }

    [Fact]
    public void Other_options_than_the_plans_are_refused()
    {
        var policy = Planned();
        Policy("tenant: {name: u}\ndomains: [u.example]\n", "u.yaml");
        var before = Snapshot();
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "zone.sbn"), "; {{ domain }}\n");
        AssertRefusedAsOutdated(CliRunner.Run("generate", policy, "--out", Out, "--templates", templates, "--plan", PlanFile), before);
        AssertRefusedAsOutdated(CliRunner.Run("generate", policy, Path.Combine(_dir, "u.yaml"), "--out", Out, "--plan", PlanFile), before);
    }

    /// <summary>One byte of a file edited by hand since the plan: generate would now overwrite it, which
    /// the reviewed plan did not say; so the run is not the reviewed one. Another tenant generated in
    /// between changes the manifest the plan started from.</summary>
    [Theory]
    [InlineData("t/README.md")]
    [InlineData("t/dns/t.example.zone")]
    [InlineData("t/.gitattributes")]
    public void A_file_edited_by_hand_after_the_plan_is_refused(string path)
    {
        var policy = Planned();
        var file = Path.Combine(Out, path);
        var bytes = File.ReadAllBytes(file);
        bytes[^2] ^= 0x20;
        File.WriteAllBytes(file, bytes);
        var before = Snapshot();
        AssertRefusedAsOutdated(CliRunner.Run("generate", policy, "--out", Out, "--plan", PlanFile), before);
    }

    [Fact]
    public void Another_tenant_generated_in_between_is_refused()
    {
        var policy = Planned();
        Run("generate", Policy("tenant: {name: u}\ndomains: [u.example]\n", "u.yaml"), "--out", Out);
        var before = Snapshot();
        AssertRefusedAsOutdated(CliRunner.Run("generate", policy, "--out", Out, "--plan", PlanFile), before);
    }

    /// <summary>A plan applied once no longer applies: the folder it was made for is gone.</summary>
    [Fact]
    public void A_plan_applies_once()
    {
        var policy = Planned();
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", Out, "--plan", PlanFile).Code);
        var before = Snapshot();
        AssertRefusedAsOutdated(CliRunner.Run("generate", policy, "--out", Out, "--plan", PlanFile), before);
    }

    /// <summary>Into a folder that does not exist yet: plan and generate agree on "nothing there".</summary>
    [Fact]
    public void A_plan_of_a_fresh_folder_applies_and_leaves_no_folder_when_refused()
    {
        var policy = Policy(Before);
        Run("plan", policy, "--out", Out, "--save", PlanFile);
        File.WriteAllText(policy, After);
        AssertRefusedAsOutdated(CliRunner.Run("generate", policy, "--out", Out, "--plan", PlanFile), "");
        Assert.False(Directory.Exists(Out));

        File.WriteAllText(policy, Before);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", Out, "--plan", PlanFile).Code);
    }

    /// <summary>The threshold is a decision of its own: a reviewed plan does not lift it.</summary>
    [Fact]
    public void A_reviewed_plan_still_needs_force_for_a_large_removal()
    {
        var policy = Policy("tenant: {name: t}\ndomains: [a.example, b.example, c.example]\nsafety: {minExisting: 3}\n");
        Run("generate", policy, "--out", Out);
        File.WriteAllText(policy, "tenant: {name: t}\ndomains: [a.example]\nretired: {domains: [b.example, c.example]}\nsafety: {minExisting: 3}\n");
        Run("plan", policy, "--out", Out, "--save", PlanFile);
        var before = Snapshot();
        var refused = CliRunner.Run("generate", policy, "--out", Out, "--plan", PlanFile);
        Assert.Equal(ExitCodes.InvalidInput, refused.Code);
        Assert.Contains("error SFB050: tenant 't': this run removes 2 of 3 DNS records (66.6 %)", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", Out, "--plan", PlanFile, "--force").Code);
    }

    [Theory]
    [InlineData("", "(1,1)", "it is not valid JSON (")]
    [InlineData("{\"format\": \"sfbpolicygen-plan\",\n  \"version\": 1,\n  \"checksum\": \"ab\"", "(3,19)", "it is not valid JSON (")]
    [InlineData("[1, 2]", "(1,1)", "it is not a JSON object, so not a plan saved by 'sfbpolicygen plan --save'")]
    [InlineData("{\"changes\": []}", "(1,1)", "it has no \"format\": \"sfbpolicygen-plan\", so it is not a plan saved by 'sfbpolicygen plan --save'")]
    [InlineData("{\"format\": \"sfbpolicygen-plan\", \"version\": 2, \"checksum\": \"CHECKSUM\"}", "(1,1)", "it was saved by another version of sfbpolicygen (plan version 2, this version reads 1); run plan --save again with this one")]
    [InlineData("{\"format\": \"sfbpolicygen-plan\", \"version\": 1,\n\"checksum\": \"ABC\"}", "(2,13)", "its \"checksum\" is missing or not 64 lowercase hexadecimal digits; save the plan again")]
    [InlineData("{\"format\": \"sfbpolicygen-plan\", \"version\": 1}", "(1,1)", "its \"checksum\" is missing or not 64 lowercase hexadecimal digits; save the plan again")]
    [InlineData("{\"format\": \"sfbpolicygen-plan\", \"version\": 1, \"checksum\": \"CHECKSUM\"}\n{}", "(2,1)", "it is not valid JSON ('{' is invalid after a single JSON value")]
    public void A_file_that_is_not_a_saved_plan_is_a_positioned_error_and_changes_nothing(string text, string at, string message)
    {
        var policy = Planned();
        var checksum = JsonDocument.Parse(File.ReadAllText(PlanFile)).RootElement.GetProperty("checksum").GetString()!;
        var corrupt = Path.Combine(_dir, "corrupt.json");
        File.WriteAllText(corrupt, text.Replace("CHECKSUM", checksum, StringComparison.Ordinal));
        var before = Snapshot();

        var run = CliRunner.Run("generate", policy, "--out", Out, "--plan", corrupt);

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.StartsWith($"{corrupt}{at}: error SFB051: {message}", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, run.Stderr.Count(c => c == '\n'));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_missing_plan_file_is_an_error()
    {
        var policy = Policy(Before);
        var run = CliRunner.Run("generate", policy, "--out", Out, "--plan", Path.Combine(_dir, "none.json"));
        Assert.Equal((ExitCodes.InvalidInput, $"{Path.Combine(_dir, "none.json")}(1,1): error SFB051: file not found; save a plan with 'sfbpolicygen plan --save FILE'\n"), (run.Code, run.Stderr));
        Assert.False(Directory.Exists(Out));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
