using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>What generate prints for a person: the summary, --quiet, colour only at a terminal, and the
/// progress line of a long run.</summary>
public sealed class GenerateOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Policy()
    {
        var path = Path.Combine(_dir, "p.yaml");
        File.WriteAllText(path, "tenant: {name: t}\ndomains: [t.example]\n");
        return path;
    }

    /// <summary>What the run left in the output folder (the tenant's files and manifest.json): the count
    /// the summary must give.</summary>
    private int FilesWritten() => Directory.EnumerateFiles(Path.Combine(_dir, "out"), "*", SearchOption.AllDirectories).Count();

    [Fact]
    public void Summary_names_the_tenants_the_counts_and_the_guides_without_colour_when_redirected()
    {
        var run = CliRunner.Run("generate", Policy(), "--out", Path.Combine(_dir, "out"));
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal($"1 policy file(s), 1 tenant(s) (t) → {Path.Combine(_dir, "out")}: {FilesWritten()} written, 0 unchanged, 0 removed.", lines[0]);
        Assert.Equal($"  guide: {Path.Combine(_dir, "out", "t", "README.fr-FR.md")}", lines[1]);
        Assert.DoesNotContain('\u001b', run.Stdout + run.Stderr);
    }

    [Fact]
    public void Quiet_prints_nothing_on_success()
    {
        var run = CliRunner.Run("generate", Policy(), "--out", Path.Combine(_dir, "out"), "--quiet");
        Assert.Equal((ExitCodes.Success, "", ""), (run.Code, run.Stdout, run.Stderr));
        Assert.True(File.Exists(Path.Combine(_dir, "out", "manifest.json")));
    }

    [Fact]
    public void At_a_terminal_the_counts_are_coloured()
    {
        using var stdout = new StringWriter();
        Assert.Equal(ExitCodes.Success, CliApp.Run(["generate", Policy(), "--out", Path.Combine(_dir, "out")], stdout, TextWriter.Null, interactive: true));
        Assert.Contains($"\u001b[32m{FilesWritten()} written\u001b[0m", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("\u001b[2m0 removed\u001b[0m", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_shows_after_its_delay_only_at_a_terminal_and_is_erased()
    {
        using var terminal = new StringWriter();
        using (Progress.After(TimeSpan.Zero, new CommandOutput(TextWriter.Null, terminal, interactive: true), quiet: false, "generating"))
        {
            SpinWait.SpinUntil(() => terminal.ToString().Length > 0, TimeSpan.FromSeconds(5));
        }

        Assert.Equal("\r\u001b[2mgenerating...\u001b[0m\r\u001b[2K", terminal.ToString());

        using var log = new StringWriter();
        using (Progress.After(TimeSpan.Zero, new CommandOutput(TextWriter.Null, log, interactive: false), quiet: false, "generating"))
        {
            Thread.Sleep(200);
        }

        Assert.Empty(log.ToString());
    }
}
