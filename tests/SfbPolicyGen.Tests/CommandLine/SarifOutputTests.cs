using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>--diagnostics-format sarif and --diagnostics-file: the log is valid SARIF 2.1.0 (the OASIS
/// schema), says what each diagnostic says, is written for a clean run too, is the same bytes on every
/// run, and its fingerprints survive lines moving. Facts GitHub code scanning depends on are literals
/// here (docs/SARIF.md), never read from the code under test.</summary>
public sealed partial class SarifOutputTests : IDisposable
{
    private const string SarifVersion = "2.1.0";
    private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    private const string FingerprintKey = "sfbpolicygen/v1";

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-sarif-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Policy(string text, string name = "p.yaml")
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Run(string log) => JsonDocument.Parse(log).RootElement.GetProperty("runs").EnumerateArray().Single();

    private static List<JsonElement> Results(string log) => [.. Run(log).GetProperty("results").EnumerateArray()];

    /// <summary>The results of <c>validate FILE --diagnostics-format sarif</c>.</summary>
    private static List<JsonElement> ValidateResults(string policy) => Results(CliRunner.Run("validate", policy, "--diagnostics-format", "sarif").Stderr);

    private static List<JsonElement> Notifications(string log) =>
        [.. Run(log).GetProperty("invocations").EnumerateArray().Single().GetProperty("toolExecutionNotifications").EnumerateArray()];

    private static JsonElement Location(JsonElement result) => result.GetProperty("locations").EnumerateArray().Single().GetProperty("physicalLocation");

    private static string Fingerprint(JsonElement result) => result.GetProperty("partialFingerprints").GetProperty(FingerprintKey).GetString()!;

    private static void AssertSchemaValid(string log) => Assert.True(SarifSchema.Validate(log) is [], string.Join('\n', SarifSchema.Validate(log)) + "\n" + log);

    /// <summary>Every golden error case: the log passes the schema, and its results are the case's
    /// expected diagnostics, one for one (file, line, column, level, code, message), each with exactly one
    /// location (GitHub refuses a result without) and a fingerprint.</summary>
    [SkippableTheory]
    [MemberData(nameof(GoldenCases.Invalid), MemberType = typeof(GoldenCases))]
    public void Golden_error_case_is_a_schema_valid_log_of_its_expected_diagnostics(string name)
    {
        var run = CliRunner.Run(["validate", .. GoldenCases.Inputs(name), "--diagnostics-format", "sarif"]);
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal("", run.Stdout);
        AssertSchemaValid(run.Stderr);

        var expected = File.ReadAllLines(Path.Combine(GoldenCases.Dir(name), "expected.txt")).Where(l => DiagnosticLine().IsMatch(l)).ToList();
        Assert.NotEmpty(expected);
        var rules = Run(run.Stderr).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var actual = Results(run.Stderr).Select(r =>
        {
            var place = Location(r);
            var artifact = place.GetProperty("artifactLocation");
            Assert.Equal("%SRCROOT%", artifact.GetProperty("uriBaseId").GetString());
            var file = Path.GetFullPath(Uri.UnescapeDataString(artifact.GetProperty("uri").GetString()!), Environment.CurrentDirectory);
            var region = place.GetProperty("region");
            Assert.Matches("^[0-9a-f]{64}$", Fingerprint(r));
            Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            return $"{Path.GetRelativePath(GoldenCases.Dir(name), file).Replace('\\', '/')}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()}): "
                + $"{r.GetProperty("level").GetString()} {r.GetProperty("ruleId").GetString()}: {r.GetProperty("message").GetProperty("text").GetString()}"
                    .Replace(GoldenCases.Dir(name) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal); // as the golden runner shows a message naming another file
        }).ToList();
        Assert.Equal(expected, actual);
        Assert.Empty(Notifications(run.Stderr));
        Assert.Equal(actual.Count, Results(run.Stderr).Select(Fingerprint).Distinct().Count());
    }

    [GeneratedRegex(@"^\S.*\(\d+,\d+\): (error|warning) SFB\d{3}: ")]
    private static partial Regex DiagnosticLine();

    /// <summary>The schema check can fail: a log without a result's message, or of another version, is refused.</summary>
    [SkippableFact]
    public void Schema_check_refuses_a_broken_log()
    {
        var log = CliRunner.Run("validate", Policy("tenant: {name: t}\ndomains: [bad..example]\n"), "--diagnostics-format", "sarif").Stderr;
        AssertSchemaValid(log);

        var noMessage = JsonNode.Parse(log)!;
        noMessage["runs"]![0]!["results"]![0]!.AsObject().Remove("message");
        Assert.NotEmpty(SarifSchema.Validate(noMessage.ToJsonString()));

        var otherVersion = JsonNode.Parse(log)!;
        otherVersion["version"] = "2.0.0";
        Assert.NotEmpty(SarifSchema.Validate(otherVersion.ToJsonString()));
    }

    [Fact]
    public void Log_names_its_version_schema_and_tool_and_lists_every_rule()
    {
        var log = CliRunner.Run("validate", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--diagnostics-format", "sarif").Stderr;
        var root = JsonDocument.Parse(log).RootElement;
        Assert.Equal(SarifVersion, root.GetProperty("version").GetString());
        Assert.Equal(SchemaUri, root.GetProperty("$schema").GetString());
        Assert.StartsWith($"{{\n  \"$schema\": \"{SchemaUri}\",\n  \"version\": \"{SarifVersion}\",\n", log, StringComparison.Ordinal);

        var driver = Run(log).GetProperty("tool").GetProperty("driver");
        Assert.Equal("sfbpolicygen", driver.GetProperty("name").GetString());
        var version = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props")), "<Version>(.+)</Version>").Groups[1].Value;
        Assert.Matches($"^{Regex.Escape(version)}(\\+[0-9a-f]+)?$", driver.GetProperty("semanticVersion").GetString());
        Assert.Equal(driver.GetProperty("semanticVersion").GetString(), driver.GetProperty("version").GetString());
        Assert.False(driver.TryGetProperty("informationUri", out _));

        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(SfbPolicyGen.Diagnostics.DiagnosticRules.All.Count, rules.Count);
        var domain = rules.Single(r => r.GetProperty("id").GetString() == "SFB021");
        Assert.Equal("InvalidDomainName", domain.GetProperty("name").GetString());
        Assert.Equal("error", domain.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.NotEqual("", domain.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.NotEqual("", domain.GetProperty("help").GetProperty("text").GetString());
        Assert.Equal("warning", rules.Single(r => r.GetProperty("id").GetString() == "SFB104").GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    /// <summary>As CI runs it: a relative pattern, the log into a relative --diagnostics-file, in the
    /// repository's folder. The URI is the path as given, percent-encoded, relative to %SRCROOT%.</summary>
    [SkippableFact]
    public void Result_of_a_known_diagnostic_as_CI_runs_it()
    {
        Policy("tenant: {name: t}\ndomains: [ok.example, bad..example]\n", Path.Combine("tenants", "a b.yaml"));
        var run = CliProcess.Run(_dir, "validate", "tenants/*.yaml", "--diagnostics-format", "sarif", "--diagnostics-file", "results.sarif");
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal("", run.Stderr);
        var log = File.ReadAllText(Path.Combine(_dir, "results.sarif"));
        AssertSchemaValid(log);

        var result = Assert.Single(Results(log));
        Assert.Equal("SFB021", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.StartsWith("'bad..example' in 'domains' is not a valid domain name", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var place = Location(result);
        Assert.Equal("tenants/a%20b.yaml", place.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", place.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(2, place.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(23, place.GetProperty("region").GetProperty("startColumn").GetInt32());

        var invocation = Run(log).GetProperty("invocations").EnumerateArray().Single();
        Assert.Equal(2, invocation.GetProperty("exitCode").GetInt32());
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());

        // The version the log names is the one --version prints.
        var version = CliProcess.Run(_dir, "--version").Stdout.Trim();
        Assert.Equal(version, Run(log).GetProperty("tool").GetProperty("driver").GetProperty("version").GetString());
        Assert.DoesNotContain(_dir, log, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_runs_write_the_same_bytes_and_fingerprints()
    {
        string[] args = ["validate", .. GoldenCases.Inputs("113-adfs-errors"), "--diagnostics-format", "sarif"];
        var first = CliRunner.Run(args).Stderr;
        var second = CliRunner.Run(args).Stderr;
        Assert.Equal(first, second);
        Assert.True(Results(first).Count >= 5, first);
        Assert.Equal(Results(first).Select(Fingerprint), Results(second).Select(Fingerprint));
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
        Assert.DoesNotContain(RepoPaths.Root, first, StringComparison.Ordinal);
    }

    /// <summary>Code scanning matches an alert across runs by its fingerprint: a blank line above the error
    /// moves it, and keeps its fingerprint; another message changes it; the same message twice in a
    /// file gives two.</summary>
    [Fact]
    public void Fingerprint_survives_a_blank_line_above_the_error()
    {
        const string Text = "tenant: {name: t}\ndomains: [ok.example, bad..example]\n";
        var policy = Policy(Text);
        var before = Assert.Single(ValidateResults(policy));
        File.WriteAllText(policy, "\n" + Text);
        var after = Assert.Single(ValidateResults(policy));
        Assert.Equal(2, Location(before).GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(3, Location(after).GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(Fingerprint(before), Fingerprint(after));

        File.WriteAllText(policy, Text.Replace("bad..example", "worse..example", StringComparison.Ordinal));
        var other = Assert.Single(ValidateResults(policy));
        Assert.NotEqual(Fingerprint(before), Fingerprint(other));

        File.WriteAllText(policy, "tenant: {name: t}\ndomains: [ok.example, bad..example, bad..example]\n");
        var twice = ValidateResults(policy);
        Assert.Equal(2, twice.Count);
        Assert.Equal(twice[0].GetProperty("message").GetProperty("text").GetString(), twice[1].GetProperty("message").GetProperty("text").GetString());
        Assert.NotEqual(Fingerprint(twice[0]), Fingerprint(twice[1]));
        Assert.Equal(Fingerprint(before), Fingerprint(twice[0])); // the first of the two is the same alert as before
    }

    /// <summary>A message that names another line ("first at line 2") keeps its fingerprint when both lines move.</summary>
    [Fact]
    public void Fingerprint_of_a_message_naming_a_line_survives_the_move()
    {
        const string Text = "tenant: {name: t}\ndomains: [t.example]\ndomains: [u.example]\n";
        var policy = Policy(Text);
        var before = Assert.Single(ValidateResults(policy));
        File.WriteAllText(policy, "\n" + Text);
        var after = Assert.Single(ValidateResults(policy));
        Assert.Equal("SFB011", after.GetProperty("ruleId").GetString());
        Assert.Contains("line 3", after.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(Fingerprint(before), Fingerprint(after));
    }

    [SkippableFact]
    public void Clean_run_writes_a_log_with_empty_results()
    {
        var run = CliRunner.Run("validate", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--diagnostics-format", "sarif");
        Assert.Equal(ExitCodes.Success, run.Code);
        AssertSchemaValid(run.Stderr);
        Assert.Equal(JsonValueKind.Array, Run(run.Stderr).GetProperty("results").ValueKind);
        Assert.Empty(Results(run.Stderr));
        Assert.Empty(Notifications(run.Stderr));
        Assert.True(Run(run.Stderr).GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        Assert.Equal(0, Run(run.Stderr).GetProperty("invocations")[0].GetProperty("exitCode").GetInt32());

        // json, by contrast, prints nothing for a clean run.
        Assert.Equal("", CliRunner.Run("validate", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--diagnostics-format", "json").Stderr);
    }

    /// <summary>A diagnostic with no file cannot be a result (GitHub refuses a result without a location):
    /// it is a notification of the invocation, pointing to its rule.</summary>
    [SkippableFact]
    public void Diagnostic_without_a_file_is_a_tool_execution_notification()
    {
        var run = CliRunner.Run("validate", "--bogus", "--diagnostics-format", "sarif");
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        AssertSchemaValid(run.Stderr);
        Assert.Empty(Results(run.Stderr));
        var notification = Assert.Single(Notifications(run.Stderr));
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.Equal("SFB080", notification.GetProperty("descriptor").GetProperty("id").GetString());
        Assert.Equal("SFB080", notification.GetProperty("associatedRule").GetProperty("id").GetString());
        Assert.Equal("unknown option '--bogus'", notification.GetProperty("message").GetProperty("text").GetString());
        var driver = Run(run.Stderr).GetProperty("tool").GetProperty("driver");
        Assert.Equal("SFB080", driver.GetProperty("notifications")[notification.GetProperty("descriptor").GetProperty("index").GetInt32()].GetProperty("id").GetString());
        Assert.Equal("SFB080", driver.GetProperty("rules")[notification.GetProperty("associatedRule").GetProperty("index").GetInt32()].GetProperty("id").GetString());
        Assert.EndsWith("}\n", run.Stderr, StringComparison.Ordinal); // the hint ("Run 'sfbpolicygen --help'") is for people, not after the log
    }

    /// <summary>One log for every stage: the policy file's warning a result, the output folder's error a
    /// notification, the run unsuccessful with exit code 3.</summary>
    [SkippableFact]
    public void Warning_result_and_run_error_notification_are_one_log()
    {
        var policy = Policy("tenant: {name: t}\ndomains: [t.example]\ndns: {ttl: 60}\n");
        var blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "x");
        var run = CliRunner.Run("generate", policy, "--out", blocker, "--diagnostics-format", "sarif");
        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        AssertSchemaValid(run.Stderr);
        var result = Assert.Single(Results(run.Stderr));
        Assert.Equal("SFB104", result.GetProperty("ruleId").GetString());
        Assert.Equal("warning", result.GetProperty("level").GetString());
        Assert.Equal("SFB081", Assert.Single(Notifications(run.Stderr)).GetProperty("descriptor").GetProperty("id").GetString());
        Assert.Equal(3, Run(run.Stderr).GetProperty("invocations")[0].GetProperty("exitCode").GetInt32());
        Assert.False(Run(run.Stderr).GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void Warnings_as_errors_makes_the_results_errors()
    {
        var policy = Policy("tenant: {name: t}\ndomains: [t.example]\ndns: {ttl: 60}\n");
        var relaxed = CliRunner.Run("validate", policy, "--diagnostics-format", "sarif");
        Assert.Equal(ExitCodes.Success, relaxed.Code);
        Assert.Equal("warning", Assert.Single(Results(relaxed.Stderr)).GetProperty("level").GetString());
        Assert.True(Run(relaxed.Stderr).GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());

        var strict = CliRunner.Run("validate", policy, "--diagnostics-format", "sarif", "--warnings-as-errors");
        Assert.Equal(ExitCodes.InvalidInput, strict.Code);
        Assert.Equal("error", Assert.Single(Results(strict.Stderr)).GetProperty("level").GetString());
    }

    /// <summary>--diagnostics-file: the document goes to the file, created or replaced, UTF-8 without a
    /// byte order mark, LF line ends; stderr stays empty. For every format, a clean run included.</summary>
    [Theory]
    [InlineData("sarif")]
    [InlineData("json")]
    [InlineData("msbuild")]
    [InlineData("github")]
    public void Diagnostics_file_receives_the_document_instead_of_stderr(string format)
    {
        var policy = Policy("tenant: {name: t}\ndomains: [t.example, bad..example]\n");
        var file = Path.Combine(_dir, "diagnostics.out");
        File.WriteAllText(file, new string('x', 100_000));
        var run = CliRunner.Run("validate", policy, "--diagnostics-format", format, "--diagnostics-file", file);
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal("", run.Stderr);
        var bytes = File.ReadAllBytes(file);
        Assert.NotEqual([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xxx", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Contains("SFB021", text, StringComparison.Ordinal);
        Assert.Equal(text, CliRunner.Run("validate", policy, "--diagnostics-format", format).Stderr);

        var clean = CliRunner.Run("validate", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--diagnostics-format", format, "--diagnostics-file", file);
        Assert.Equal(ExitCodes.Success, clean.Code);
        Assert.Equal(format == "sarif", File.ReadAllText(file).Length > 0);
    }

    /// <summary>A --diagnostics-file that cannot be written is SFB081 (exit 3), with the document on stderr.</summary>
    [SkippableFact]
    public void Unwritable_diagnostics_file_is_a_file_system_error_on_stderr()
    {
        var file = Path.Combine(_dir, "missing-folder", "results.sarif");
        var run = CliRunner.Run("validate", Policy("tenant: {name: t}\ndomains: [bad..example]\n"), "--diagnostics-format", "sarif", "--diagnostics-file", file);
        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        AssertSchemaValid(run.Stderr);
        Assert.Equal("SFB021", Assert.Single(Results(run.Stderr)).GetProperty("ruleId").GetString());
        Assert.Equal("SFB081", Assert.Single(Notifications(run.Stderr)).GetProperty("descriptor").GetProperty("id").GetString());
        Assert.False(File.Exists(file));

        var msbuild = CliRunner.Run("validate", Policy("tenant: {name: t}\ndomains: [bad..example]\n"), "--diagnostics-file", file);
        Assert.Equal(ExitCodes.IoOrInternalError, msbuild.Code);
        Assert.Matches(@"^\S+\(2,11\): error SFB021: .*\nsfbpolicygen: error SFB081: cannot write --diagnostics-file '.*results\.sarif': ", msbuild.Stderr);
    }
}
