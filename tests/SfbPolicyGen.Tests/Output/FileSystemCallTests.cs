using System.Globalization;
using System.Text.RegularExpressions;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Output;

/// <summary>What generate, check and plan ask of the file system, counted by strace around the real
/// command (counts, unlike times, do not vary from run to run; issue 14's budgets): a fresh generate
/// costs at most 8 file-system calls per file it writes, its flushes do not grow with files, each
/// folder is created once, no file is locked but the output lock, links are checked per folder (no
/// readlink per path part); and a run that changes nothing opens each file at most once. The cost per
/// file is the difference between a run of few tenants and one of many, so that what the runtime does
/// at start-up cancels out.</summary>
public sealed partial class FileSystemCallTests : IDisposable
{
    /// <summary>The calls that touch files and folders: what the tool itself makes. bench/scale.sh counts a wider
    /// list (copy_file_range, fadvise64, fcntl...), to compare with `cp -r` and reading the tree.</summary>
    private static readonly HashSet<string> FileSystemCallNames =
    [
        "openat", "open", "read", "pread64", "write", "pwrite64", "close", "stat", "lstat", "fstat", "newfstatat", "statx",
        "readlink", "readlinkat", "getcwd", "mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir",
        "flock", "fsync", "fdatasync", "syncfs", "getdents64", "access", "faccessat", "faccessat2", "ftruncate", "lseek", "fstatfs", "statfs",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-calls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void A_fresh_generate_makes_few_calls_per_file_and_flushes_per_run_not_per_file()
    {
        var few = Generate("few", tenants: 2);
        var many = Generate("many", tenants: 12);

        var perFile = (double)(many.Total - few.Total) / (many.Files - few.Files);
        Assert.True(perFile <= 8, $"{perFile:0.0} file-system calls per written file (budget 8)\nfew: {few}\nmany: {many}");
        Assert.True(many.Flushes is >= 1 and <= 4, $"{many.Flushes} flushes for {many.Files} files\n{many}");
        Assert.Equal(few.Flushes, many.Flushes);
        Assert.Equal((many.Folders + 1, 0), (many.Calls("mkdir"), many.Failed("mkdir"))); // each folder (the output's too) and the staging folder, once
        Assert.Equal(1, many.Calls("flock"));
        Assert.Equal(few.Calls("readlink"), many.Calls("readlink"));
        Assert.Equal(few.Calls("getcwd"), many.Calls("getcwd"));
    }

    [SkippableTheory]
    [InlineData("generate")]
    [InlineData("check")]
    [InlineData("plan")]
    public void A_run_that_changes_nothing_opens_each_file_once(string command)
    {
        var policies = Policies("repo", tenants: 4);
        var output = Path.Combine(_dir, "repo-out");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policies, "--out", output, "--quiet").Code);
        var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => f.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        if (command == "plan")
        {
            files.Remove(Path.Combine(output, ".gitattributes").Replace('\\', '/')); // the output stage's, no tenant's: plan says what tenants change
        }

        var log = Path.Combine(_dir, $"{command}.trace");
        var run = Strace(["-f", "-e", "trace=openat,open", "-o", log], command, policies, "--out", output);
        Assert.True(run.ExitCode == 0, run.ToString());

        var opened = OpenedForReading(File.ReadLines(log)).Where(files.Contains).CountBy(p => p, StringComparer.Ordinal).ToDictionary();
        Assert.All(opened, o => Assert.True(o.Value == 1, $"{o.Key} was opened {o.Value} times"));
        Assert.Equal(files.Order(StringComparer.Ordinal), opened.Keys.Order(StringComparer.Ordinal)); // and every one was compared
    }

    private Counts Generate(string name, int tenants)
    {
        var output = Path.Combine(_dir, name + "-out");
        var summary = Path.Combine(_dir, name + ".summary");
        var run = Strace(["-f", "-c", "-o", summary], "generate", Policies(name, tenants), "--out", output, "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());
        return new Counts(
            ParseSummary(summary),
            Directory.GetFiles(output, "*", SearchOption.AllDirectories).Length,
            Directory.GetDirectories(output, "*", SearchOption.AllDirectories).Length + 1);
    }

    /// <summary>Runs the command-line tool (its own process, as users run it) under strace.</summary>
    private static ProcessResult Strace(string[] straceOptions, params string[] arguments) =>
        ExternalTool.Run(ExternalTool.Require("strace", "strace"), [.. straceOptions, "--", Environment.ProcessPath!, typeof(CliApp).Assembly.Location, .. arguments]);

    /// <summary>A folder of policy files: tenants with 3 domains each, TMG and DNS profiles mixed.</summary>
    private string Policies(string name, int tenants)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        string[] profiles = ["troubleshooting", "skype-online, lyncdiscover: true", "teams-only"];
        for (var t = 0; t < tenants; t++)
        {
            var tenant = $"t{t:00}";
            File.WriteAllText(Path.Combine(folder, tenant + ".yaml"),
                $"tenant: {{name: {tenant}}}\ndomains: [a.{tenant}.example, b.{tenant}.example, c.{tenant}.example]\ndns: {{profile: {profiles[t % 3]}}}\nproxy: {{kind: {(t % 2 == 0 ? "tmg" : "none")}}}\n");
        }

        return folder;
    }

    /// <summary>strace -c's table: "% time, seconds, usecs/call, calls, [errors,] syscall".</summary>
    private static Dictionary<string, (int Calls, int Errors)> ParseSummary(string path) =>
        File.ReadLines(path)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length is 5 or 6 && FileSystemCallNames.Contains(f[^1]))
            .ToDictionary(f => f[^1], f => (int.Parse(f[3], CultureInfo.InvariantCulture), f.Length == 6 ? int.Parse(f[4], CultureInfo.InvariantCulture) : 0));

    /// <summary>The files opened for reading, from strace -f's lines: <c>1234 openat(AT_FDCWD, "/path",
    /// O_RDONLY|O_CLOEXEC) = 7</c>, or, when another thread's call came in between (the output stage reads
    /// on every core, issue 25), <c>1234 openat(AT_FDCWD, "/path", O_RDONLY|O_CLOEXEC &lt;unfinished ...&gt;</c>
    /// then <c>1234 &lt;... openat resumed&gt;)    = 7</c> (strace pads the result there).</summary>
    private static IEnumerable<string> OpenedForReading(IEnumerable<string> lines)
    {
        var pending = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (OpenForReading().Match(line) is { Success: true } open)
            {
                if (open.Groups["result"].Success)
                {
                    yield return open.Groups["path"].Value;
                }
                else
                {
                    pending[open.Groups["pid"].Value] = open.Groups["path"].Value;
                }
            }
            else if (OpenResumed().Match(line) is { Success: true } resumed && pending.Remove(resumed.Groups["pid"].Value, out var path))
            {
                yield return path;
            }
        }
    }

    [GeneratedRegex("""^(?<pid>\d+) +open(at)?\((AT_FDCWD, )?"(?<path>[^"]+)", O_RDONLY[^)<]*(\)\s+= (?<result>\d+)| <unfinished \.\.\.>)""")]
    private static partial Regex OpenForReading();

    [GeneratedRegex("""^(?<pid>\d+) +<\.\.\. open(at)? resumed>\)\s+= \d+""")]
    private static partial Regex OpenResumed();

    private sealed record Counts(Dictionary<string, (int Calls, int Errors)> ByName, int Files, int Folders)
    {
        public int Total => ByName.Values.Sum(c => c.Calls);

        public int Flushes => Calls("fsync") + Calls("fdatasync") + Calls("syncfs");

        public int Calls(string name) => ByName.GetValueOrDefault(name).Calls;

        public int Failed(string name) => ByName.GetValueOrDefault(name).Errors;

        public override string ToString() =>
            $"{Files} files, {Folders} folders, {Total} calls: " + string.Join(", ", ByName.OrderByDescending(c => c.Value.Calls).Select(c => $"{c.Key} {c.Value.Calls}"));
    }
}
