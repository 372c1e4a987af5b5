using System.Diagnostics;
using System.Security.Cryptography;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Output;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Output;

/// <summary>A folder that cannot be written is found before anything moves, with the folder named and
/// nothing changed; a move that still fails (the folder made immutable while generate holds after its
/// journal) leaves one line that names the tenant folder partly updated and says that running generate
/// again completes it, and the next run does. No message names the staging folder. Folders are made
/// unwritable with chattr +i, which holds even for root (as the tests run in CI).</summary>
public sealed class WriteFailureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-fail-").FullName;
    private readonly List<string> _immutable = [];

    public void Dispose()
    {
        foreach (var path in _immutable)
        {
            ExternalTool.Run(ExternalTool.Require("chattr", "e2fsprogs"), ["-i", path]);
        }

        Directory.Delete(_dir, recursive: true);
    }

    private string Out => Path.Combine(_dir, "out");

    private string Policy(string domains)
    {
        var path = Path.Combine(_dir, "p.yaml");
        File.WriteAllText(path, $"tenant: {{name: t}}\ndomains: [{domains}]\n");
        return path;
    }

    private void MakeImmutable(string path)
    {
        var chattr = ExternalTool.Run(ExternalTool.Require("chattr", "e2fsprogs"), ["+i", path]);
        Assert.True(chattr.ExitCode == 0, $"chattr +i is needed to make a folder unwritable for root: {chattr}");
        _immutable.Add(path);
    }

    private string Snapshot() => string.Join('\n', Directory.EnumerateFileSystemEntries(Out, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => Path.GetRelativePath(Out, p) + (File.Exists(p) ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) : "")));

    [Fact]
    public void An_unwritable_folder_is_named_before_anything_moves()
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Policy("t.example"), "--out", Out).Code);
        MakeImmutable(Path.Combine(Out, "t", "dns"));
        var before = Snapshot();

        var run = CliRunner.Run("generate", Policy("t.example, u.example"), "--out", Out);

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.Equal($"sfbpolicygen: error SFB081: nothing was changed in {Out}: {Path.Combine(Out, "t", "dns")} cannot be written (Operation not permitted)\n", run.Stderr);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_file_where_a_folder_goes_is_named_before_anything_moves()
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Policy("t.example"), "--out", Out).Code);
        File.WriteAllText(Path.Combine(Out, "t", "ad"), "a person's file");
        var before = Snapshot();

        var policy = Policy("t.example");
        File.AppendAllText(policy, "activeDirectory: {users: [alice@t.example]}\n");
        var run = CliRunner.Run("generate", policy, "--out", Out);

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.Equal($"sfbpolicygen: error SFB081: nothing was changed in {Out}: {Path.Combine(Out, "t", "ad")} is a file where a folder must be\n", run.Stderr);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void An_unwritable_output_folder_is_named_as_the_user_gave_it()
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Policy("t.example"), "--out", Out).Code);
        MakeImmutable(Out);
        var run = CliRunner.Run("generate", Policy("t.example, u.example"), "--out", Out);
        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.StartsWith($"sfbpolicygen: error SFB081: nothing was changed in {Out}: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(OutputFolder.StagingName, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_that_fails_names_the_tenant_folder_and_the_next_run_completes_it()
    {
        var policy = Policy("t.example");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", Out).Code);
        policy = Policy("t.example, u.example");

        // generate holds right after its journal; the dns folder then becomes unwritable under it.
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { typeof(CliApp).Assembly.Location, "generate", policy, "--out", Out })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SFB_TEST_HOLD_AFTER_JOURNAL_MS"] = "3000";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(SpinWait.SpinUntil(() => File.ReadAllText(Path.Combine(Out, "manifest.json")).Contains("\"state\": \"writing\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30)));
        MakeImmutable(Path.Combine(Out, "t", "dns"));
        Assert.True(process.WaitForExit(60_000));
        var message = await stderr;

        Assert.Equal(ExitCodes.IoOrInternalError, process.ExitCode);
        Assert.Matches($"^sfbpolicygen: error SFB081: {System.Text.RegularExpressions.Regex.Escape(Path.Combine(Out, "t"))} is partly updated \\(.+\\); once the cause is fixed, run generate again to complete it\n$", message);
        Assert.DoesNotContain(OutputFolder.StagingName, message, StringComparison.Ordinal);

        ExternalTool.Run(ExternalTool.Require("chattr", "e2fsprogs"), ["-i", Path.Combine(Out, "t", "dns")]);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", Out).Code);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", policy, "--out", Out).Code);
    }

    /// <summary>The renames run on every core (issue 25); the message names the tenant of a file whose
    /// rename failed, and of the first such file in order when several fail, whichever thread met it.</summary>
    [Theory]
    [InlineData("u", "u")]
    [InlineData("t u", "t")]
    public async Task A_move_that_fails_among_tenants_names_the_first_failing_tenant(string unwritable, string named)
    {
        string Tenant(string name, string domains)
        {
            var path = Path.Combine(_dir, name + ".yaml");
            File.WriteAllText(path, $"tenant: {{name: {name}}}\ndomains: [{domains}]\n");
            return path;
        }

        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Tenant("t", "t.example"), Tenant("u", "u.example"), "--out", Out).Code);
        string[] policies = [Tenant("t", "t.example, t2.example"), Tenant("u", "u.example, u2.example")];

        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[typeof(CliApp).Assembly.Location, "generate", .. policies, "--out", Out])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SFB_TEST_HOLD_AFTER_JOURNAL_MS"] = "3000";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(SpinWait.SpinUntil(() => File.ReadAllText(Path.Combine(Out, "manifest.json")).Contains("\"state\": \"writing\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30)));
        foreach (var tenant in unwritable.Split(' '))
        {
            MakeImmutable(Path.Combine(Out, tenant, "dns"));
        }

        Assert.True(process.WaitForExit(60_000));
        var message = await stderr;

        Assert.Equal(ExitCodes.IoOrInternalError, process.ExitCode);
        Assert.Matches($"^sfbpolicygen: error SFB081: {System.Text.RegularExpressions.Regex.Escape(Path.Combine(Out, named))} is partly updated \\(.+\\); once the cause is fixed, run generate again to complete it\n$", message);
        foreach (var tenant in unwritable.Split(' '))
        {
            ExternalTool.Run(ExternalTool.Require("chattr", "e2fsprogs"), ["-i", Path.Combine(Out, tenant, "dns")]);
        }

        Assert.Equal(ExitCodes.Success, CliRunner.Run(["generate", .. policies, "--out", Out]).Code);
        Assert.Equal(ExitCodes.Success, CliRunner.Run(["check", .. policies, "--out", Out]).Code);
    }
}
