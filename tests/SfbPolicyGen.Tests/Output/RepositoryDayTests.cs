using System.Security.Cryptography;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Output;

/// <summary>A service provider's day in a real git repository: three tenants under tenants/, one out/.
/// One tenant is regenerated alone, a reviewer reads the change in git diff, a fresh clone checks clean,
/// a removed tenant is left alone until --prune. git runs with no global or system configuration, as in
/// a fresh CI clone.</summary>
public sealed class RepositoryDayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-repo-").FullName;

    public RepositoryDayTests()
    {
        Directory.CreateDirectory(Tenants);
        Tenant("alpha", "domains: [alpha.example]\ntrustModelData: {clients: [communicator, skype2016]}\n");
        Tenant("beta", "domains: [beta.example]\ndns: {profile: teams-only}\n");
        Tenant("gamma", "domains: [gamma.example]\nproxy: {kind: tmg}\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Repo => Path.Combine(_dir, "repo");

    private string Tenants => Path.Combine(Repo, "tenants");

    private string Out => Path.Combine(Repo, "out");

    private string Tenant(string name, string rest)
    {
        var path = Path.Combine(Tenants, name + ".yaml");
        File.WriteAllText(path, $"tenant: {{name: {name}}}\n{rest}");
        return path;
    }

    [Fact]
    public void One_tenant_at_a_time_then_a_readable_diff_a_clean_clone_and_a_prune()
    {
        Git(Repo, "init", "-q");
        var first = CliRunner.Run("generate", Tenants, "--out", Out);
        Assert.True(first.Code == ExitCodes.Success, first.ToString());
        Assert.StartsWith("3 policy file(s), 3 tenant(s) (alpha, beta, gamma)", first.Stdout, StringComparison.Ordinal);
        Git(Repo, "add", "-A");
        Git(Repo, "commit", "-q", "-m", "three tenants");

        // gamma alone: the others' folders are byte for byte as they were, and the summary says so.
        var others = Snapshot("alpha", "beta");
        var gamma = Tenant("gamma", "domains: [gamma.example, gamma.de]\nproxy: {kind: tmg}\ntrustModelData: {add: [partner.example]}\n");
        var plan = CliRunner.Run("plan", gamma, "--out", Out);
        Assert.Equal(ExitCodes.Differences, plan.Code);
        Assert.DoesNotContain("alpha", plan.Stdout.Replace($"left alone: alpha, beta", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith($"(2 other tenant folder(s) left alone: alpha, beta); run 'sfbpolicygen generate {gamma} --out {Out}' to apply them.\n", plan.Stdout, StringComparison.Ordinal);
        var alone = CliRunner.Run("generate", gamma, "--out", Out);
        Assert.True(alone.Code == ExitCodes.Success, alone.ToString());
        Assert.Contains(" 0 removed.", alone.Stdout, StringComparison.Ordinal);
        Assert.Contains($"left alone: 2 other tenant folder(s) of {Out} (alpha, beta)", alone.Stdout, StringComparison.Ordinal);
        Assert.Equal(others, Snapshot("alpha", "beta"));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", Tenants, "--out", Out).Code);

        // The reviewer's view: the .reg change as text lines, the Registry.pol change through its LGPO text.
        var diff = Git(Repo, "diff", "--", "out").Stdout;
        Assert.DoesNotContain("Binary files", diff.Replace("Binary files a/out/gamma/gpo/Machine/Registry.pol and b/out/gamma/gpo/Machine/Registry.pol differ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("+\"TrustModelData\"=\"lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,gamma.example,gamma.de,partner.example\"", diff.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("+SZ:lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,gamma.example,gamma.de,partner.example", diff.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Git(Repo, "add", "-A");
        Git(Repo, "commit", "-q", "-m", "gamma: gamma.de and a partner");

        // A fresh clone (what CI checks out) is exactly what the policy files give.
        var clone = Path.Combine(_dir, "clone");
        Git(_dir, "clone", "-q", Repo, clone);
        var check = CliRunner.Run("check", Path.Combine(clone, "tenants"), "--out", Path.Combine(clone, "out"));
        Assert.True(check.Code == ExitCodes.Success, check.ToString());

        // beta's policy file goes: its folder is left alone until --prune, which check and plan report first.
        File.Delete(Path.Combine(Tenants, "beta.yaml"));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", Tenants, "--out", Out).Code);
        var prunePlan = CliRunner.Run("plan", Tenants, "--out", Out, "--prune");
        Assert.Equal(ExitCodes.Differences, prunePlan.Code);
        Assert.Contains("  Files: - dns/beta.example.zone", prunePlan.Stdout, StringComparison.Ordinal);
        Assert.Contains("  Left in place: what this tenant's artifacts deployed stays", prunePlan.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Differences, CliRunner.Run("check", Tenants, "--out", Out, "--prune").Code);
        var pruned = CliRunner.Run("generate", Tenants, "--out", Out, "--prune");
        Assert.True(pruned.Code == ExitCodes.Success, pruned.ToString());
        Assert.Contains("pruned: 1 tenant folder(s) no policy file defines (beta)", pruned.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Out, "beta")));
        Assert.DoesNotContain("beta", File.ReadAllText(Path.Combine(Out, "manifest.json")), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", Tenants, "--out", Out, "--prune").Code);
    }

    /// <summary>Git for Windows' default, core.autocrlf=true, rewrites every text file git does not
    /// know the line ends of: the generated .gitattributes pin them all (manifest.json through the
    /// output folder's own), so such a clone checks clean, and its colour diff of a CRLF file has no
    /// carriage return to mark as ^M (the repository keeps LF).</summary>
    [Fact]
    public void A_clone_with_autocrlf_checks_clean_and_its_colour_diff_shows_no_carriage_return()
    {
        Git(Repo, "init", "-q");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Tenants, "--out", Out).Code);
        Assert.Equal(
            "# Written by SfbPolicyGen so that a checkout gives back the bytes it wrote and `git diff` shows text (README, \"In a git repository\").\n"
            + "/.gitattributes text eol=lf\n/manifest.json text eol=lf\n",
            File.ReadAllText(Path.Combine(Out, ".gitattributes")));
        Git(Repo, "add", "-A");
        Git(Repo, "commit", "-q", "-m", "three tenants");

        var clone = Path.Combine(_dir, "clone");
        Git(_dir, "clone", "-q", "-c", "core.autocrlf=true", Repo, clone);
        var (cloneTenants, cloneOut) = (Path.Combine(clone, "tenants"), Path.Combine(clone, "out"));
        var check = CliRunner.Run("check", cloneTenants, "--out", cloneOut);
        Assert.True(check.Code == ExitCodes.Success, check.ToString());
        Assert.StartsWith($"{cloneOut} is up to date (", check.Stdout, StringComparison.Ordinal);

        // A change of gamma's trusted domains, generated in the clone: Registry.pol.txt and the INI are CRLF files.
        File.WriteAllText(Path.Combine(cloneTenants, "gamma.yaml"), "tenant: {name: gamma}\ndomains: [gamma.example]\nproxy: {kind: tmg}\ntrustModelData: {add: [partner.example]}\n");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", cloneTenants, "--out", cloneOut).Code);
        var diff = Git(clone, "diff", "--color", "--", "out/gamma/gpo/Machine/Registry.pol.txt").Stdout;
        Assert.Contains("\u001b[32m+\u001b[m\u001b[32mSZ:lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,gamma.example,partner.example\u001b[m\n", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", diff, StringComparison.Ordinal);
        Assert.Equal("", Git(clone, "status", "--porcelain", "--", "out/alpha", "out/beta").Stdout);
    }

    /// <summary>Path → SHA-256 and modification time of every file of the tenants' folders.</summary>
    private Dictionary<string, string> Snapshot(params string[] tenants) => tenants
        .SelectMany(t => Directory.EnumerateFiles(Path.Combine(Out, t), "*", SearchOption.AllDirectories))
        .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) + File.GetLastWriteTimeUtc(f).Ticks, StringComparer.Ordinal);

    /// <summary>git with no global or system configuration, an identity for commits only.</summary>
    private static ProcessResult Git(string folder, params string[] arguments)
    {
        var git = ExternalTool.Require("git", "git");
        var result = ExternalTool.Run(git, ["-C", folder, "-c", "user.name=SfbPolicyGen test", "-c", "user.email=test@sfbpolicygen.invalid", "-c", "init.defaultBranch=main", .. arguments],
            new Dictionary<string, string> { ["GIT_CONFIG_GLOBAL"] = "/dev/null", ["GIT_CONFIG_NOSYSTEM"] = "1" });
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
