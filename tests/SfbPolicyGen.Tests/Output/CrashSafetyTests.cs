using System.Diagnostics;
using System.Security.Cryptography;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Output;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Output;

/// <summary>generate killed (SIGKILL) at random moments, many times over, switching between policy
/// files: after each kill every file in the folder is its version from one of the trees, in full, and
/// belongs to the manifest (or its journal) with that hash; the next complete run repairs everything.
/// Every third kill is aimed, not hoped for: the run is held right after writing its journal (the test
/// seam SFB_TEST_HOLD_AFTER_JOURNAL_MS, which the CLI turns into the output stage's hooks) and killed
/// there, however fast or slow the machine. Fixed seed; SFB_CRASH_ITERATIONS runs more.</summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_killed_generate_leaves_old_or_new_files_and_the_next_run_repairs()
    {
        var iterations = Math.Max(3, int.TryParse(Environment.GetEnvironmentVariable("SFB_CRASH_ITERATIONS"), out var n) ? n : 30);
        var random = new Random(2026);
        // Tenants' worth of files that differ in every artifact: many renames to interrupt. Policy c is
        // only ever run held and killed, so the folder never holds its tree in full: each of its runs
        // has files to move, hence writes a journal and reaches the hold. Each policy has domains of its
        // own: the DNS files of a domain name the records earlier runs published there (docs/DNS.md,
        // "What the tool owns"), so a domain two trees shared would have versions that neither tree,
        // generated alone, gives.
        var policies = new[] { Policy("a", 300, "troubleshooting"), Policy("b", 360, "skype-online") };
        var held = Policy("c", 330, "teams-only");
        var known = policies.Append(held).Select(TreeHashes).Aggregate((a, b) =>
        {
            foreach (var (path, hashes) in b)
            {
                a[path] = a.TryGetValue(path, out var existing) ? [.. existing, .. hashes] : hashes;
            }

            return a;
        });
        var output = Path.Combine(_dir, "out");
        var cli = typeof(CliApp).Assembly.Location;

        // How long a whole run takes here, to aim the kills at its writing phase.
        var timer = Stopwatch.StartNew();
        Assert.Equal(0, Generate(cli, policies[0], output, kill: null));
        var full = timer.Elapsed;

        // Kills in turn: at a random moment; as soon as the journal is seen, then after a random few
        // milliseconds more, so that some land in the middle of the renames; and held after the journal.
        var heldKills = 0;
        for (var i = 0; i < iterations; i++)
        {
            var delay = TimeSpan.FromMilliseconds(full.TotalMilliseconds * (0.3 + (0.9 * random.NextDouble())));
            switch (i % 3)
            {
                case 0:
                    Generate(cli, policies[(i + 1) % 2], output, delay);
                    CheckInvariants(output, known);
                    break;
                case 1:
                    Generate(cli, policies[(i + 1) % 2], output, delay, onJournal: random.Next(0, 15));
                    CheckInvariants(output, known);
                    break;
                default:
                    Generate(cli, held, output, delay, onJournal: 0, holdAfterJournal: true);
                    Assert.True(CheckInvariants(output, known), $"iteration {i}: the run held after its journal was killed there, yet no journal is in place");
                    heldKills++;
                    break;
            }
        }

        Assert.True(heldKills > 0, "no kill landed while a journal was in place; the test proved nothing about it");
        Assert.Equal(0, Generate(cli, policies[0], output, kill: null));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", policies[0], "--out", output).Code);
        Assert.False(Directory.Exists(Path.Combine(output, OutputFolder.StagingName)));
    }

    /// <summary>What a run published stays the tool's through a run that stopped: germany's records, then
    /// worldwide's (published: germany's), then a TTL change killed once its journal is written (the
    /// files on disk are still worldwide's), then that change again. The last run's DNS files must still
    /// replace germany's records, as an uninterrupted run after the first two would: the journal's
    /// facts carry what was published, which the files on disk alone no longer show.</summary>
    [Fact]
    public void A_run_killed_after_its_journal_forgets_nothing_the_runs_before_published()
    {
        const string germany = "tenant: {name: crash}\ndomains: [crash.example]\ndns: {profile: skype-online, lyncdiscover: true, cloud: germany}\n";
        const string worldwide = "tenant: {name: crash}\ndomains: [crash.example]\ndns: {profile: skype-online, lyncdiscover: true}\n";
        const string ttl = "tenant: {name: crash}\ndomains: [crash.example]\ndns: {profile: skype-online, lyncdiscover: true, ttl: 900}\n";
        var (policy, output, cli) = (Path.Combine(_dir, "policies.yaml"), Path.Combine(_dir, "out"), typeof(CliApp).Assembly.Location);
        foreach (var yaml in new[] { germany, worldwide })
        {
            File.WriteAllText(policy, yaml);
            Assert.Equal(0, Generate(cli, policy, output, kill: null));
        }

        File.WriteAllText(policy, ttl);
        Generate(cli, policy, output, TimeSpan.FromSeconds(30), onJournal: 0, holdAfterJournal: true);
        Assert.True(IsJournal(Path.Combine(output, "manifest.json")), "the run was not stopped after its journal");
        var check = CliRunner.Run("check", policy, "--out", output);
        Assert.Equal(ExitCodes.Differences, check.Code);
        Assert.Contains("extra: .sfbpolicygen-staging/ (generate would remove it)\n", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("changed: manifest.json\n", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, Generate(cli, policy, output, kill: null));

        var expected = InMemoryPolicy.Build(ttl, germany, worldwide).Where(f => f.Key.Contains("/dns/", StringComparison.Ordinal)).ToList();
        Assert.Contains(expected, f => f.Key.EndsWith("/sip.from-sipdir.online.lync.de.nsupdate", StringComparison.Ordinal));
        Assert.All(expected, f => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(f.Value)), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(output, f.Key))))));
        Assert.Equal(expected.Count, Directory.EnumerateFiles(Path.Combine(output, "crash", "dns"), "*", SearchOption.AllDirectories).Count());
    }

    /// <summary>Ctrl-C (SIGINT, sent as a terminal sends it) while generate stages a change of 200
    /// tenants: one line says it stopped and that nothing was lost, the staging folder is gone (nothing
    /// for 'git add -A' to pick up), the folder is byte for byte as before, and the next run writes it.</summary>
    [Fact]
    public async Task Ctrl_C_while_staging_stops_with_one_line_and_leaves_no_staging_folder()
    {
        var (tenants, output, cli) = (Directory.CreateDirectory(Path.Combine(_dir, "tenants")).FullName, Path.Combine(_dir, "out"), typeof(CliApp).Assembly.Location);
        void Tenants(string profile)
        {
            foreach (var i in Enumerable.Range(1, 200))
            {
                File.WriteAllText(Path.Combine(tenants, $"t{i:000}.yaml"), $"tenant: {{name: t{i:000}}}\ndomains: [t{i:000}.example, u{i:000}.example]\ndns: {{profile: {profile}, lyncdiscover: true}}\nproxy: {{kind: tmg}}\n");
            }
        }

        Tenants("skype-online");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", tenants, "--out", output, "--quiet").Code);
        string Hashes() => string.Join('\n', Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f) + " " + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))).Order(StringComparer.Ordinal));
        var before = Hashes();

        Tenants("troubleshooting");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, ArgumentList = { cli, "generate", tenants, "--out", output, "--force" } };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(SpinWait.SpinUntil(() => Directory.Exists(Path.Combine(output, OutputFolder.StagingName)), TimeSpan.FromSeconds(60)), "the run staged nothing");
        using (var signal = Process.Start("/bin/sh", ["-c", $"kill -INT {process.Id}"]))
        {
            signal.WaitForExit();
        }

        Assert.True(process.WaitForExit(60_000), "generate did not stop");
        // The policy's own warnings come first (the troubleshooting profile's); then the one line.
        var said = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.Contains(": warning SFB", StringComparison.Ordinal));
        Assert.Equal((ExitCodes.Stopped, "", $"sfbpolicygen: stopped (Ctrl-C) before changing anything in {output}; nothing was lost: run generate again to write it."), (process.ExitCode, await stdout, string.Join('\n', said)));
        Assert.False(Directory.Exists(Path.Combine(output, OutputFolder.StagingName)));
        Assert.Equal(before, Hashes());

        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", tenants, "--out", output, "--quiet", "--force").Code);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", tenants, "--out", output).Code);
    }

    /// <returns>True when the kill left a journal (the run was stopped while moving files).</returns>
    private static bool CheckInvariants(string output, Dictionary<string, HashSet<string>> known)
    {
        var owned = Manifest.Load(output).Owned;
        var manifestText = File.ReadAllText(Path.Combine(output, "manifest.json"));
        var writing = manifestText.Contains("\"state\": \"writing\"", StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(output, file).Replace('\\', '/');
            if (relative is "manifest.json" or ".gitattributes" || relative.StartsWith(OutputFolder.StagingName + "/", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            Assert.True(known.TryGetValue(relative, out var versions) && versions.Contains(hash), $"{relative} is neither version in full");
            Assert.True(owned.TryGetValue(relative, out var entry) && entry.Sha256s.Any(h => h.ToString() == hash), $"{relative} does not match the manifest{(writing ? " journal" : "")}");
        }

        if (!writing)
        {
            Assert.All(owned.Values, f => Assert.True(File.Exists(Path.Combine(output, f.Path)), $"{f.Path} is in the manifest but missing"));
        }

        return writing;
    }

    /// <param name="onJournal">Kill this many milliseconds after the journal is seen (instead of at <paramref name="kill"/>).</param>
    /// <param name="holdAfterJournal">Hold the run right after it writes its journal (long enough for
    /// the kill to land first), through the test seam in OutputFolder.</param>
    private static int Generate(string cli, string policy, string output, TimeSpan? kill, int? onJournal = null, bool holdAfterJournal = false)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        // --force: every switch between the trees replaces all their records, on purpose (the safety
        // thresholds would refuse it before anything is written, and there would be nothing to kill).
        foreach (var argument in new[] { cli, "generate", policy, "--out", output, "--quiet", "--force" })
        {
            start.ArgumentList.Add(argument);
        }

        if (holdAfterJournal)
        {
            start.Environment["SFB_TEST_HOLD_AFTER_JOURNAL_MS"] = "60000";
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (onJournal is { } extra)
        {
            var manifest = Path.Combine(output, "manifest.json");
            SpinWait.SpinUntil(() => process.HasExited || IsJournal(manifest), TimeSpan.FromSeconds(30));
            Thread.Sleep(extra);
            process.Kill(entireProcessTree: true);
        }
        else if (kill is { } delay && !process.WaitForExit(delay))
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no finally block, no flush
        }

        Assert.True(process.WaitForExit(60_000), "generate did not end");
        _ = stdout.Result;
        Assert.True(kill is not null || process.ExitCode == 0, stderr.Result);
        return process.ExitCode;
    }

    private static bool IsJournal(string manifest)
    {
        try
        {
            using var stream = new FileStream(manifest, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var head = new byte[32];
            return stream.Read(head) > 0 && System.Text.Encoding.UTF8.GetString(head).Contains("\"state\"", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string Policy(string name, int domains, string profile)
    {
        var path = Path.Combine(_dir, name + ".yaml");
        var list = string.Join(", ", Enumerable.Range(1, domains).Select(i => $"{name}{i:000}.example"));
        File.WriteAllText(path, $"tenant: {{name: crash}}\ndomains: [{list}]\ntrustModelData: {{clients: [communicator, lync2013, skype2016], existing: [{name}.example]}}\ndns: {{profile: {profile}, lyncdiscover: true}}\nproxy: {{kind: tmg}}\n");
        return path;
    }

    private static Dictionary<string, HashSet<string>> TreeHashes(string policy)
    {
        var tree = Generator.Build([policy], null, new DiagnosticBag())!;
        return tree.Files.ToDictionary(f => f.Path, f => new HashSet<string>(StringComparer.Ordinal) { Convert.ToHexStringLower(SHA256.HashData(f.Bytes)) }, StringComparer.Ordinal);
    }
}
