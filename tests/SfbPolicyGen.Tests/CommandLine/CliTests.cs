using System.Security.Cryptography;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>The command line in-process: exit codes, what it prints, and what it does to the folder.</summary>
public sealed class CliTests : IDisposable
{
    private const string Minimal = "tenant: {name: t}\ndomains: [t.example]\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Out => Path.Combine(_dir, "out");

    private Dictionary<string, string> Snapshot() => !Directory.Exists(Out) ? [] : Directory
        .EnumerateFiles(Out, "*", SearchOption.AllDirectories)
        .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) + File.GetLastWriteTimeUtc(f).Ticks);

    [Fact]
    public void Generate_then_check_agree_and_a_second_generate_writes_nothing()
    {
        var policy = Write("p.yaml", Minimal);
        var first = CliRunner.Run("generate", policy, "--out", Out);
        Assert.Equal((ExitCodes.Success, ""), (first.Code, first.Stderr));
        Assert.Contains("written, 0 unchanged, 0 removed", first.Stdout, StringComparison.Ordinal);

        var before = Snapshot();
        var second = CliRunner.Run("generate", policy, "--out", Out);
        Assert.Contains(" 0 written,", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());

        var check = CliRunner.Run("check", policy, "--out", Out);
        Assert.Equal(ExitCodes.Success, check.Code);
        Assert.Contains("up to date", check.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Before any generate, check names every file missing, the manifest too (told without
    /// building it), and the count it gives is the files generate would write.</summary>
    [Fact]
    public void Check_of_a_folder_never_generated_lists_every_file_missing()
    {
        var policy = Write("p.yaml", Minimal);
        var check = CliRunner.Run("check", policy, "--out", Out);
        Assert.Equal(ExitCodes.Differences, check.Code);
        var missing = check.Stdout.Split('\n').Where(line => line.StartsWith("missing: ", StringComparison.Ordinal)).ToList();
        Assert.Contains("missing: manifest.json", missing);
        Assert.False(Directory.Exists(Out));

        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Out).Code);
        Assert.Equal(Directory.GetFiles(Out, "*", SearchOption.AllDirectories).Length, missing.Count);
        Assert.Contains($"differs from the policy files in {missing.Count} file(s)", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_runs_into_two_folders_give_identical_trees()
    {
        var policy = Write("p.yaml", File.ReadAllText(Path.Combine(RepoPaths.Root, "policies.yaml")));
        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Path.Combine(_dir, "a")).Code);
        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Path.Combine(_dir, "b")).Code);
        string Hashes(string root) => string.Join('\n', Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).Order(StringComparer.Ordinal));
        Assert.Equal(Hashes(Path.Combine(_dir, "a")), Hashes(Path.Combine(_dir, "b")));
    }

    [Fact]
    public void Bad_input_exits_2_with_positioned_errors_and_changes_nothing()
    {
        var policy = Write("p.yaml", Minimal);
        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Out).Code);
        var before = Snapshot();

        File.WriteAllText(policy, "tenant: {name: t}\ndomains: [t.example, bad_name.example]\ndns: {ttl: 1h}\n");
        var (code, stdout, stderr) = CliRunner.Run("generate", policy, "--out", Out);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{policy}(2,22): error SFB021: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{policy}(3,12): error SFB024: ", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Check_names_missing_edited_changed_and_extra_files_with_a_diff()
    {
        var two = Write("p.yaml", "tenant: {name: t}\ndomains: [t.example, u.example]\n");
        Assert.Equal(0, CliRunner.Run("generate", two, "--out", Out).Code);
        File.WriteAllText(two, Minimal);
        var zone = Path.Combine(Out, "t", "dns", "t.example.zone");
        File.WriteAllText(zone, File.ReadAllText(zone).Replace("3600 IN", "60 IN", StringComparison.Ordinal));
        File.Delete(Path.Combine(Out, "t", "README.md"));
        File.WriteAllText(Path.Combine(Out, "t", "dns", "notes.txt"), "a person's notes");
        var before = Snapshot();

        var (code, stdout, _) = CliRunner.Run("check", two, "--out", Out);
        Assert.Equal(ExitCodes.Differences, code);
        Assert.Contains("edited: t/dns/t.example.zone (differs from what generate wrote; generate would overwrite it)", stdout, StringComparison.Ordinal);
        Assert.Contains("changed: t/registry/TrustModelData.reg\n", stdout, StringComparison.Ordinal);
        Assert.Contains("extra: t/dns/notes.txt (not in manifest.json, so not sfbpolicygen's; generate leaves it)", stdout, StringComparison.Ordinal);
        Assert.Contains("--- t/dns/t.example.zone\t(on disk)\n+++ t/dns/t.example.zone\t(what generate would write)\n", stdout, StringComparison.Ordinal);
        Assert.Contains("-sip 60 IN CNAME", stdout, StringComparison.Ordinal);
        Assert.Contains("+sip 3600 IN CNAME", stdout, StringComparison.Ordinal);
        Assert.Contains("missing: t/README.md", stdout, StringComparison.Ordinal);
        Assert.Contains("extra: t/dns/u.example.zone (generate would remove it)", stdout, StringComparison.Ordinal);
        Assert.EndsWith($"; run 'sfbpolicygen generate {two} --out {Out}', and move or delete the 1 extra file(s) that generate leaves.\n", stdout, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    /// <summary>generate leaves a file it did not write: check's advice is the one that makes it pass.</summary>
    [Fact]
    public void Check_with_only_a_foreign_file_says_to_move_or_delete_it()
    {
        var policy = Write("p.yaml", Minimal);
        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Out).Code);
        var notes = Path.Combine(Out, "t", "notes.txt");
        File.WriteAllText(notes, "a person's notes");

        var (code, stdout, _) = CliRunner.Run("check", policy, "--out", Out);
        Assert.Equal(ExitCodes.Differences, code);
        Assert.Equal(
            "extra: t/notes.txt (not in manifest.json, so not sfbpolicygen's; generate leaves it)\n"
            + $"{Out} differs from the policy files in 1 file(s); move or delete the 1 extra file(s) that generate leaves.\n",
            stdout);

        File.Move(notes, Path.Combine(_dir, "notes.txt"));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", policy, "--out", Out).Code);
    }

    /// <summary>generate --prune keeps an edited file and a file of the user's in a pruned tenant's folder:
    /// check --prune reports both (they are no tenant's now) instead of saying up to date.</summary>
    [Fact]
    public void Check_prune_reports_what_generate_prune_kept_in_a_pruned_tenant_folder()
    {
        var t = Write("t.yaml", Minimal);
        var u = Write("u.yaml", "tenant: {name: u}\ndomains: [u.example]\n");
        Assert.Equal(0, CliRunner.Run("generate", t, u, "--out", Out).Code);
        var zone = Path.Combine(Out, "u", "dns", "u.example.zone");
        File.AppendAllText(zone, "; edited\n");
        File.WriteAllText(Path.Combine(Out, "u", "NOTES.txt"), "mine");

        var pruned = CliRunner.Run("generate", t, "--out", Out, "--prune");
        Assert.Equal(0, pruned.Code);
        Assert.Contains($"warning SFB181: kept {Path.Combine(Out, "u/dns/u.example.zone")}", pruned.Stderr, StringComparison.Ordinal);

        var (code, stdout, _) = CliRunner.Run("check", t, "--out", Out, "--prune");
        Assert.Equal(ExitCodes.Differences, code);
        Assert.Equal(
            "extra: u/NOTES.txt (not in manifest.json, so not sfbpolicygen's; generate leaves it)\n"
            + "extra: u/dns/u.example.zone (not in manifest.json, so not sfbpolicygen's; generate leaves it)\n"
            + $"{Out} differs from the policy files in 2 file(s); move or delete the 2 extra file(s) that generate leaves.\n",
            stdout);

        Directory.Delete(Path.Combine(Out, "u"), recursive: true);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", t, "--out", Out, "--prune").Code);
    }

    /// <summary>A staging folder left by a run that stopped is not output: check reports it, generate removes it.</summary>
    [Fact]
    public void Check_reports_a_staging_folder_left_by_a_stopped_run()
    {
        var policy = Write("p.yaml", Minimal);
        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Out).Code);
        Directory.CreateDirectory(Path.Combine(Out, ".sfbpolicygen-staging"));
        File.WriteAllText(Path.Combine(Out, ".sfbpolicygen-staging", "0"), "staged");

        var (code, stdout, _) = CliRunner.Run("check", policy, "--out", Out);
        Assert.Equal(ExitCodes.Differences, code);
        Assert.Equal(
            "extra: .sfbpolicygen-staging/ (generate would remove it)\n"
            + $"{Out} differs from the policy files in 1 file(s); run 'sfbpolicygen generate {policy} --out {Out}'.\n",
            stdout);

        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Out).Code);
        Assert.False(Directory.Exists(Path.Combine(Out, ".sfbpolicygen-staging")));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", policy, "--out", Out).Code);
    }

    [Fact]
    public void Check_shows_reg_differences_decoded_from_utf16()
    {
        var policy = Write("p.yaml", Minimal);
        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Out).Code);
        File.WriteAllText(policy, "tenant: {name: t}\ndomains: [t.example, v.example]\n");
        var (code, stdout, _) = CliRunner.Run("check", policy, "--out", Out);
        Assert.Equal(ExitCodes.Differences, code);
        Assert.Contains("+\"TrustModelData\"=\"lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,t.example,v.example\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_removes_only_files_of_its_previous_manifest()
    {
        var policy = Write("p.yaml", "tenant: {name: t}\ndomains: [t.example, u.example]\nproxy: {kind: tmg}\n");
        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Out).Code);
        var foreign = Path.Combine(Out, "t", "dns", "notes.txt");
        File.WriteAllText(foreign, "mine");
        File.WriteAllText(policy, Minimal);

        var (code, stdout, _) = CliRunner.Run("generate", policy, "--out", Out);
        Assert.Equal(0, code);
        Assert.Contains(" 5 removed", stdout, StringComparison.Ordinal); // u.example's zone and two RFC 2136 messages, the TMG INI and script
        Assert.False(File.Exists(Path.Combine(Out, "t", "dns", "u.example.zone")));
        Assert.False(Directory.Exists(Path.Combine(Out, "t", "tmg")));
        Assert.Equal("mine", File.ReadAllText(foreign));
        Assert.False(Directory.Exists(Path.Combine(Out, ".sfbpolicygen-staging")));
    }

    [Fact]
    public void Template_override_is_used_and_an_unknown_override_is_warned()
    {
        var policy = Write("p.yaml", Minimal);
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "zone.sbn"), "; custom\n{{ for record in records }}{{ record.name }} {{ record.data }}\n{{ end }}");
        File.WriteAllText(Path.Combine(templates, "zones.sbn"), "");

        var (code, _, stderr) = CliRunner.Run("generate", policy, "--out", Out, "--templates", templates);
        Assert.Equal(0, code);
        Assert.Equal("; custom\nsip sipdir.online.microsoft.com.\n", File.ReadAllText(Path.Combine(Out, "t", "dns", "t.example.zone")));
        Assert.Contains("warning SFB105: 'zones.sbn' overrides no template; did you mean 'zone.sbn'?", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ for record in records }}", "SFB090")]
    [InlineData("{{ no_such_variable }}", "SFB090")]
    [InlineData("{{ string.shared = 1 }}", "SFB090")] // built-ins are shared by every render: read-only
    [InlineData("{{ array.size = 1 }}", "SFB090")] // one made on first use is read-only too
    public void Broken_template_is_a_positioned_error_and_changes_nothing(string template, string code)
    {
        var policy = Write("p.yaml", Minimal);
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "zone.sbn"), "ok\n" + template);

        var result = CliRunner.Run("generate", policy, "--out", Out, "--templates", templates);
        Assert.Equal(ExitCodes.InvalidInput, result.Code);
        Assert.Contains($"zone.sbn(2,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"error {code}:", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    /// <summary>A template that fails while rendering stops check and plan as it stops generate: the
    /// library returns it as a diagnostic at the template's line (OutputStage), and nothing is written.</summary>
    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    public void A_template_that_fails_while_rendering_is_a_positioned_error_of_check_and_plan_too(string command)
    {
        var policy = Write("p.yaml", Minimal);
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "zone.sbn"), "ok\n{{ no_such_variable }}");

        var result = CliRunner.Run(command, policy, "--out", Out, "--templates", templates);
        Assert.Equal(ExitCodes.InvalidInput, result.Code);
        Assert.Contains("zone.sbn(2,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error SFB090:", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    /// <summary>Built-ins are made when a template first names one (LazyBuiltins): an override still
    /// reaches those the shipped templates never use.</summary>
    [Fact]
    public void A_template_override_reaches_every_Scriban_builtin()
    {
        var policy = Write("p.yaml", Minimal);
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "zone.sbn"),
            "{{ [3, 1, 2] | array.sort | array.join ',' }} {{ 2.6 | math.round }} {{ 'a.b' | regex.replace '[.]' '-' }} {{ '<' | html.escape }} {{ 'x' | string.upcase }} {{ [] == empty }} {{ (timespan.from_hours 2).Hours }} {{ 'a' | object.typeof }}\n");

        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Out, "--templates", templates).Code);
        Assert.Equal("1,2,3 3 a-b &lt; X true 2 string\n", File.ReadAllText(Path.Combine(Out, "t", "dns", "t.example.zone")));
    }

    /// <summary>The merge function is one partial, included by the appender and the Intune scripts from the
    /// template set: an override of it reaches both; an include of a name outside the set is a template
    /// error, not a file read.</summary>
    [Fact]
    public void A_partial_override_reaches_every_script_that_includes_it()
    {
        var policy = Write("p.yaml", Minimal);
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "trust-merge.ps1.sbn"), "# merge overridden\n");

        Assert.Equal(0, CliRunner.Run("generate", policy, "--out", Out, "--templates", templates).Code);
        Assert.Contains("# merge overridden", File.ReadAllLines(Path.Combine(Out, "t", "registry", "Add-TrustModelData.ps1")));
        Assert.Contains("# merge overridden", File.ReadAllLines(Path.Combine(Out, "t", "intune", "communicator", "Remediate-TrustModelData.ps1")));

        File.WriteAllText(Path.Combine(templates, "zone.sbn"), "{{ include '/etc/passwd' }}");
        var result = CliRunner.Run("generate", policy, "--out", Path.Combine(_dir, "out2"), "--templates", templates);
        Assert.Equal(ExitCodes.InvalidInput, result.Code);
        Assert.Contains("zone.sbn(1,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error SFB090: '/etc/passwd' is not a template of this set", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Intune scripts are UTF-8 without BOM, which Windows PowerShell 5.1 reads in the ANSI code
    /// page: an override that puts a character beyond ASCII in one is refused, naming the template.</summary>
    [Fact]
    public void An_intune_template_that_writes_beyond_ascii_is_refused_and_changes_nothing()
    {
        var policy = Write("p.yaml", Minimal);
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "intune.ps1.sbn"), "# ok\n# d\u00e9tection\n");

        var result = CliRunner.Run("generate", policy, "--out", Out, "--templates", templates);

        Assert.Equal(ExitCodes.InvalidInput, result.Code);
        Assert.Contains("intune.ps1.sbn(1,1): error SFB090: the rendered file must be ASCII, and its line 2 holds U+00E9", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Usage_errors_exit_2_and_io_errors_exit_3()
    {
        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("generate", "--bogus").Code);
        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("frobnicate").Code);
        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("validate", Path.Combine(_dir, "missing.yaml")).Code);
        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("generate", Write("p.yaml", Minimal), "--templates", Path.Combine(_dir, "nope")).Code);

        var blocker = Write("out-is-a-file", "x");
        var (code, _, stderr) = CliRunner.Run("generate", Write("q.yaml", Minimal), "--out", blocker);
        Assert.Equal(ExitCodes.IoOrInternalError, code);
        Assert.StartsWith("sfbpolicygen: error SFB081: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(blocker));
    }

    [Fact]
    public void Validate_accepts_several_files_and_refuses_a_tenant_defined_twice()
    {
        var a = Write("a.yaml", Minimal);
        var b = Write("b.yaml", "tenant: {name: u}\ndomains: [u.example]\n");
        Assert.Equal((0, "2 policy file(s) valid: t, u.\n"), (CliRunner.Run("validate", a, b).Code, CliRunner.Run("validate", a, b).Stdout));
        var twin = Write("c.yaml", "\ntenant: {name: t}\ndomains: [x.example]\n");
        var (code, _, stderr) = CliRunner.Run("validate", a, twin);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal(
            $"{a}(1,16): error SFB023: tenant 't' is also defined in {twin} (line 2); each tenant names its own output folder\n"
            + $"{twin}(2,16): error SFB023: tenant 't' is also defined in {a} (line 1); each tenant names its own output folder\n",
            stderr);
    }

    /// <summary>A link in a folder of tenants to a file of the folder is that file, read once: no SFB023
    /// against itself.</summary>
    [Fact]
    public void A_link_to_a_policy_file_in_a_scanned_folder_is_read_once()
    {
        var tenants = Directory.CreateDirectory(Path.Combine(_dir, "tenants")).FullName;
        File.WriteAllText(Path.Combine(tenants, "a.yaml"), Minimal);
        File.CreateSymbolicLink(Path.Combine(tenants, "b.yaml"), "a.yaml");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "linked"), tenants);

        var run = CliRunner.Run("validate", tenants, Path.Combine(_dir, "linked", "a.yaml"));

        Assert.Equal((ExitCodes.Success, "1 policy file(s) valid: t.\n", ""), (run.Code, run.Stdout, run.Stderr));
    }

    [Fact]
    public void An_output_folder_that_is_a_dangling_link_is_said_to_be_one()
    {
        var link = Path.Combine(_dir, "out-link");
        Directory.CreateSymbolicLink(link, Path.Combine(_dir, "gone"));

        var run = CliRunner.Run("generate", Write("p.yaml", Minimal), "--out", link);

        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.Equal($"sfbpolicygen: error SFB081: the output folder '{link}' is a dangling link (to '{Path.Combine(_dir, "gone")}', which does not exist); create its target, or give --out a folder\n", run.Stderr);
        Assert.False(Path.Exists(Path.Combine(_dir, "gone")));
    }

    [Theory]
    [InlineData("generat", "unknown command 'generat'; did you mean 'generate'?")]
    [InlineData("plan --fromat json", "unknown option '--fromat'; did you mean '--format'?")]
    [InlineData("generate --diagnostics-fromat json", "unknown option '--diagnostics-fromat'; did you mean '--diagnostics-format'?")]
    [InlineData("explain --lsit", "unknown option '--lsit'; did you mean '--list'?")]
    [InlineData("help generat", "unknown command 'generat'; did you mean 'generate'?")]
    [InlineData("verify-dns --timeout abc", "--timeout must be a whole number of seconds from 1 to 60, not 'abc'")]
    [InlineData("--hlep", "unknown option '--hlep'; did you mean '--help'?")] // the help option's stand-in
    [InlineData("validate --hlep", "unknown option '--hlep'; did you mean '--help'?")]
    [InlineData("--verison", "unknown option '--verison'; did you mean '--version'?")]
    [InlineData("valdiate", "unknown command 'valdiate'; did you mean 'validate'?")] // commands not built in full
    public void A_mistyped_word_gets_the_nearest_name(string line, string error)
    {
        var run = CliRunner.Run(line.Split(' '));
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal($"sfbpolicygen: error SFB080: {error}\n", run.Stderr.Replace("Run 'sfbpolicygen --help' for usage.\n", "", StringComparison.Ordinal));
    }

    /// <summary>A run builds in full only the commands its command line names (docs/PERFORMANCE.md, "Start-up
    /// (issue 25)"); the parser must see the same command line as with the whole tree.</summary>
    [Theory]
    [InlineData("validate policies.yaml")]
    [InlineData("generate a.yaml --out x --prune --force")]
    [InlineData("plan --format json --save p.json")]
    [InlineData("check --report junit r.xml")]
    [InlineData("verify-dns --server 127.0.0.1 --timeout 0")]
    [InlineData("explain --list")]
    [InlineData("--diagnostics-format sarif validate")]
    [InlineData("validate --out x")] // an option of another command
    [InlineData("generat")]
    [InlineData("generate check")]
    [InlineData("--version")]
    [InlineData("--version generate")]
    [InlineData("--diagnostics-format text --version")]
    [InlineData("")]
    public void The_tree_a_run_builds_parses_as_the_whole_tree(string line)
    {
        var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var whole = CliApp.BuildRootCommand(TextWriter.Null, TextWriter.Null).Parse(args);
        var built = CliApp.BuildRootCommand(TextWriter.Null, TextWriter.Null, forArgs: args).Parse(args);
        Assert.Equal(Shape(whole), Shape(built));

        static string Shape(System.CommandLine.ParseResult parsed) => string.Join(
            "\n",
            [
                $"command: {parsed.CommandResult.Command.Name}",
                // The command's own action, or an option's (--help, --version: System.CommandLine's own
                // in the whole tree, VersionFlag's in a run's), or none.
                $"action: {(parsed.Action is null ? "none" : parsed.Action == parsed.CommandResult.Command.Action ? "the command's" : "an option's")}",
                $"unmatched: {string.Join(' ', parsed.UnmatchedTokens)}",
                .. parsed.Errors.Select(e => $"error: {e.Message}"),
                // What the command line gave (the stand-ins' implicit false values are no one's input).
                .. parsed.CommandResult.Children.Where(c => c is not System.CommandLine.Parsing.OptionResult { Implicit: true }).Select(c => $"child: {c}"),
            ]);
    }

    [Fact]
    public void Only_the_commands_a_command_line_names_are_built_in_full()
    {
        var build = CliApp.CommandsToBuild(["--diagnostics-format", "json", "validate", "policies.yaml"]);
        Assert.Equal(["validate"], CliApp.Commands.Select(c => c.Name).Where(build));

        // Help lists every command; a response file may name any.
        Assert.All(CliApp.Commands, c => Assert.True(CliApp.CommandsToBuild(["generate", "--help"])(c.Name)));
        Assert.All(CliApp.Commands, c => Assert.True(CliApp.CommandsToBuild(["help"])(c.Name)));
        Assert.All(CliApp.Commands, c => Assert.True(CliApp.CommandsToBuild(["@args.rsp"])(c.Name)));

        // The names the bare stand-ins take are the commands' own, and none is left out.
        var whole = CliApp.BuildRootCommand(TextWriter.Null, TextWriter.Null);
        Assert.Equal(whole.Subcommands.Select(c => c.Name).Where(n => n != "help"), CliApp.Commands.Select(c => c.Name));
        var bare = CliApp.BuildRootCommand(TextWriter.Null, TextWriter.Null, forArgs: ["--version"]);
        Assert.All(bare.Subcommands.Where(c => c.Name != "help"), c => Assert.Empty(c.Options));
    }

    /// <summary>Help is built with System.CommandLine's own help and version options, so it lists them as
    /// it always did: last, help before version.</summary>
    [Fact]
    public void Help_lists_help_and_version_last()
    {
        var options = CliRunner.Run("--help").Stdout.Split("Options:\n")[1].Split("\n\n")[0].Split('\n');
        Assert.StartsWith("  -?, -h, --help ", options[^2], StringComparison.Ordinal);
        Assert.StartsWith("  --version ", options[^1], StringComparison.Ordinal);
        Assert.Contains("  --diagnostics-format ", options[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Version_is_the_informational_version_alone_on_its_line()
    {
        var expected = typeof(CliApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal((ExitCodes.Success, expected + "\n", ""), (CliRunner.Run("--version").Code, CliRunner.Run("--version").Stdout, CliRunner.Run("--version").Stderr));
        Assert.Matches(@"^\d+\.\d+\.\d+", expected);
    }

    /// <summary>--version and --help clear the parser's errors about other options; a wrong value beside
    /// them was once read anyway, and the run ended in a stack trace.</summary>
    [Theory]
    [InlineData("--version generate")]
    [InlineData("--diagnostics-format text --version")]
    [InlineData("--warnings-as-errors --version")]
    public void Version_beside_anything_else_is_a_usage_error(string line)
    {
        var run = CliRunner.Run(line.Split(' '));
        Assert.Equal(
            (ExitCodes.InvalidInput, "", "sfbpolicygen: error SFB080: --version option cannot be combined with other arguments.\nRun 'sfbpolicygen --help' for usage.\n"),
            (run.Code, run.Stdout, run.Stderr));
    }

    [Theory]
    [InlineData("--diagnostics-format text --help")]
    [InlineData("generate --diagnostics-format text --help")]
    public void Help_beside_a_wrong_value_still_prints_help(string line)
    {
        var run = CliRunner.Run(line.Split(' '));
        Assert.Equal((ExitCodes.Success, ""), (run.Code, run.Stderr));
        Assert.StartsWith("Description:", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "--help")]
    [InlineData("generate", "generate --help")]
    [InlineData("verify-dns", "verify-dns --help")]
    public void Help_is_a_command_too(string command, string option)
    {
        var help = CliRunner.Run(["help", .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        var same = CliRunner.Run(option.Split(' '));
        Assert.Equal((ExitCodes.Success, ""), (help.Code, help.Stderr));
        Assert.Equal(same.Stdout, help.Stdout);
        Assert.StartsWith("Description:", help.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A default is said once, by System.CommandLine's [default: ...]; --prune is described in the
    /// terms of the command it is an option of.</summary>
    [Fact]
    public void Help_says_each_default_once_and_prune_in_the_command_s_terms()
    {
        var generate = CliRunner.Run("generate", "--help").Stdout;
        Assert.Contains("The output folder. [default: out]", generate, StringComparison.Ordinal);
        Assert.Contains("(generate removes their files)", generate, StringComparison.Ordinal);
        Assert.Contains("Seconds to wait for each answer (1-60). [default: 3]", CliRunner.Run("verify-dns", "--help").Stdout, StringComparison.Ordinal);
        Assert.Contains("The policy file to write. [default: policies.yaml]", CliRunner.Run("init", "--help").Stdout, StringComparison.Ordinal);

        var check = CliRunner.Run("check", "--help").Stdout;
        Assert.Contains("check compares them too, so the files generate --prune would remove count as differences", check, StringComparison.Ordinal);
        Assert.DoesNotContain("(generate removes their files)", check, StringComparison.Ordinal);
        Assert.Contains("plan lists what generate --prune would remove", CliRunner.Run("plan", "--help").Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("validate")]
    [InlineData("plan")]
    public void With_no_policy_file_anywhere_it_says_how_to_start(string command)
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var run = CliProcess.Run(empty, command);
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal($"sfbpolicygen: error SFB080: no policy file given and no policies.yaml here: run 'sfbpolicygen init' to write one, or give policy files, folders or patterns (sfbpolicygen {command} tenants/)\n", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
    }
}
