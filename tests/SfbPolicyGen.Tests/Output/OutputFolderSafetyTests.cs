using System.Security.Cryptography;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Output;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Output;

/// <summary>The output folder is the only place written, nothing is written or deleted through a
/// symbolic link, nothing that generate did not write is removed or overwritten, and one run writes a
/// folder at a time.</summary>
public sealed class OutputFolderSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-safe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    private string Outside => Directory.CreateDirectory(Path.Combine(_dir, "outside")).FullName;

    private string Policy(string domains = "[t.example]")
    {
        var path = Path.Combine(_dir, "p.yaml");
        File.WriteAllText(path, $"tenant: {{name: t}}\ndomains: {domains}\n");
        return path;
    }

    private static string Snapshot(string root) => !Directory.Exists(root) ? "" : string.Join('\n', Directory
        .EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        .Order(StringComparer.Ordinal)
        .Select(p => Path.GetRelativePath(root, p) + (File.Exists(p) && new FileInfo(p).LinkTarget is null ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) : "")));

    [Fact]
    public void A_tenant_folder_that_is_a_link_is_not_written_through()
    {
        Directory.CreateDirectory(Out);
        var outside = Outside;
        Directory.CreateSymbolicLink(Path.Combine(Out, "t"), outside);
        var before = Snapshot(Out);

        var run = CliRunner.Run("generate", Policy(), "--out", Out);

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.Contains("is a symbolic link", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Equal(before, Snapshot(Out));
    }

    [Fact]
    public void A_generated_file_that_is_a_link_is_not_written_through()
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Policy(), "--out", Out).Code);
        var target = Path.Combine(Outside, "precious.txt");
        File.WriteAllText(target, "precious");
        var guide = Path.Combine(Out, "t", "README.md");
        File.Delete(guide);
        File.CreateSymbolicLink(guide, target);

        var run = CliRunner.Run("generate", Policy(), "--out", Out);

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.Equal("precious", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(guide).LinkTarget);
    }

    [Fact]
    public void A_stale_file_behind_a_linked_folder_is_not_deleted_through_it()
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Policy("[t.example, old.example]"), "--out", Out).Code);
        var outside = Outside;
        File.Copy(Path.Combine(Out, "t", "dns", "old.example.zone"), Path.Combine(outside, "old.example.zone"));
        Directory.Move(Path.Combine(Out, "t", "dns"), Path.Combine(_dir, "dns-moved"));
        Directory.CreateSymbolicLink(Path.Combine(Out, "t", "dns"), outside);

        var run = CliRunner.Run("generate", Policy("[t.example]"), "--out", Out);

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.True(File.Exists(Path.Combine(outside, "old.example.zone")));
    }

    [Fact]
    public void Out_that_is_a_file_is_a_clear_error_and_changes_nothing()
    {
        var file = Path.Combine(_dir, "out.txt");
        File.WriteAllText(file, "mine");
        var run = CliRunner.Run("generate", Policy(), "--out", file);
        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.Equal($"sfbpolicygen: error SFB081: the output folder '{file}' is a file; give --out a folder\n", run.Stderr);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void Out_that_cannot_be_written_is_a_clear_error_exit_3()
    {
        // Root ignores permission bits; /proc refuses new folders to everyone.
        var run = CliRunner.Run("generate", Policy(), "--out", "/proc/sfbpolicygen-test/out");
        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.StartsWith("sfbpolicygen: error SFB081: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/proc/sfbpolicygen-test"));
    }

    [Fact]
    public void Files_generate_did_not_write_are_not_overwritten_and_all_are_named()
    {
        Directory.CreateDirectory(Path.Combine(Out, "t", "dns"));
        File.WriteAllText(Path.Combine(Out, "t", "README.md"), "my own notes");
        File.WriteAllText(Path.Combine(Out, "t", "dns", "t.example.zone"), "my own zone");
        var before = Snapshot(Out);

        var run = CliRunner.Run("generate", Policy(), "--out", Out);

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.Equal($"sfbpolicygen: error SFB081: 2 file(s) in {Out} were not written by sfbpolicygen (they are not in manifest.json) and are where it writes: "
            + $"{Path.Combine(Out, "t", "README.md")}, {Path.Combine(Out, "t", "dns", "t.example.zone")}; move them away, or delete them, and run generate again\n", run.Stderr);
        Assert.Equal(before, Snapshot(Out));
    }

    [Fact]
    public void A_stale_file_edited_since_is_kept_with_a_warning()
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Policy("[t.example, old.example]"), "--out", Out).Code);
        var zone = Path.Combine(Out, "t", "dns", "old.example.zone");
        File.AppendAllText(zone, "; edited by hand\n");

        var run = CliRunner.Run("generate", Policy("[t.example]"), "--out", Out);

        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.True(File.Exists(zone));
        Assert.Contains($"warning SFB181: kept {Path.Combine(Out, "t/dns/old.example.zone")}", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>generate overwrites a file edited since it wrote it (that is what it is for), and says so,
    /// naming it; a file the policy changed, as generate left it, is overwritten without a word.</summary>
    [Fact]
    public void A_file_edited_since_generate_wrote_it_is_overwritten_with_a_warning_naming_it()
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Policy("[t.example, u.example]"), "--out", Out).Code);
        var zone = Path.Combine(Out, "t", "dns", "t.example.zone");
        var generated = File.ReadAllText(zone);
        File.AppendAllText(zone, "; edited by hand\n");

        var run = CliRunner.Run("generate", Policy("[t.example, u.example, v.example]"), "--out", Out);

        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Equal(generated, File.ReadAllText(zone));
        Assert.Equal($"sfbpolicygen: warning SFB180: overwrote 1 file(s) edited since generate wrote them: {zone}; their edits are gone (git diff shows them if the folder is committed)\n", run.Stderr);
    }

    [Fact]
    public void A_hand_edited_manifest_cannot_make_generate_delete_a_foreign_file()
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Policy(), "--out", Out).Code);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        var manifest = Path.Combine(Out, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"artifacts\": [", "\"artifacts\": [\n    {\"tenant\": \"t\", \"kind\": \"guide\", \"path\": \"notes.txt\", \"sha256\": \"" + new string('0', 64) + "\", \"bytes\": 4},", StringComparison.Ordinal));

        var run = CliRunner.Run("generate", Policy(), "--out", Out);

        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Out, "notes.txt")));
        Assert.Contains("warning SFB181: kept", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"artifacts\": [{\"path\": \"../../etc/passwd\", \"kind\": \"zone\", \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"}]}")]
    [InlineData("{\"artifacts\": [{\"path\": \"t/README.md\", \"kind\": \"guide\", \"sha256\": \"not-a-hash\"}]}")]
    [InlineData("{\"items\": []}")]
    public void A_corrupt_or_hostile_manifest_is_reported_and_changes_nothing(string manifest)
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Policy(), "--out", Out).Code);
        File.WriteAllText(Path.Combine(Out, "manifest.json"), manifest);
        var before = Snapshot(Out);

        var run = CliRunner.Run("generate", Policy("[t.example, u.example]"), "--out", Out);

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.Matches("not a manifest written by sfbpolicygen|leaves the output folder", run.Stderr);
        Assert.Equal(before, Snapshot(Out));
    }

    [Fact]
    public async Task A_second_writer_waits_for_the_first()
    {
        var policy = Policy();
        using var stderr = new StringWriter();
        Task<int> second;
        using (OutputLock.Acquire(Out, TimeSpan.FromSeconds(5)))
        {
            second = Task.Run(() => CliApp.Run(["generate", policy, "--out", Out], TextWriter.Null, TextWriter.Synchronized(stderr)));
            for (var waited = 0; waited < 200 && !second.IsCompleted && !stderr.ToString().Contains("another run is writing", StringComparison.Ordinal); waited++)
            {
                await Task.Delay(100);
            }

            await Task.Delay(300);
            Assert.False(second.IsCompleted, "the second run did not wait for the lock");
            Assert.False(File.Exists(Path.Combine(Out, "manifest.json")));
            Assert.Contains("another run is writing", stderr.ToString(), StringComparison.Ordinal);
        }

        // The first writer is done: the waiting run goes on and completes.
        Assert.Equal(ExitCodes.Success, await second.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", policy, "--out", Out).Code);
    }

    [Fact]
    public void A_writer_that_cannot_get_the_lock_in_time_stops_with_a_clear_message()
    {
        var diagnostics = new DiagnosticBag();
        var tree = Generator.Build([Policy()], null, diagnostics)!;
        using (OutputLock.Acquire(Out, TimeSpan.FromSeconds(5)))
        {
            var error = Assert.Throws<IOException>(() => OutputFolder.Write(Out, tree, new WriteOptions(LockTimeout: TimeSpan.FromMilliseconds(300))));
            Assert.StartsWith($"another sfbpolicygen run is still writing {Out}", error.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(Out, "manifest.json")));
    }
}
