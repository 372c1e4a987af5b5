using System.Text.Json;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>--diagnostics-format and --warnings-as-errors, on every command that loads policy files.</summary>
public sealed class DiagnosticsFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-diag-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Policy(string text)
    {
        var path = Path.Combine(_dir, "p.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("generate")]
    [InlineData("check")]
    public void Github_format_annotates_the_line_and_escapes_the_data(string command)
    {
        var policy = Policy("tenant: {name: t}\ndomains: [t.example]\ndns: {ttl: 1h}\n");
        string[] output = command == "validate" ? [] : ["--out", Path.Combine(_dir, "out")];
        var run = CliRunner.Run([command, policy, .. output, "--diagnostics-format", "github"]);
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal($"::error file={policy.Replace(":", "%3A", StringComparison.Ordinal)},line=3,col=12,title=SFB024::'dns.ttl' must be a whole number from 1 to 2147483647 (seconds, no unit), found '1h'\n", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void Json_format_is_one_document_with_every_diagnostic()
    {
        var run = CliRunner.Run("validate", Policy("tenant: {name: T}\ndomains: [t.example]\ndns: {ttl: 60}\n"), "--diagnostics-format", "json");
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        var diagnostics = JsonDocument.Parse(run.Stderr).RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => $"{d.GetProperty("severity").GetString()} {d.GetProperty("code").GetString()} {d.GetProperty("line").GetInt32()},{d.GetProperty("column").GetInt32()}").ToList();
        Assert.Equal(["error SFB020 1,16", "warning SFB104 3,12"], diagnostics);
    }

    /// <summary>The diagnostics of every stage of a run (the policy files' warnings, then the output folder's
    /// or the DNS server's error) are one JSON document: a reader parsing stderr whole gets them all.</summary>
    [Fact]
    public void Json_is_one_document_for_warnings_then_an_error_of_the_run()
    {
        var policy = Policy("tenant: {name: t}\ndomains: [t.example]\ndns: {ttl: 60}\n");
        var blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "x");
        var generate = CliRunner.Run("generate", policy, "--out", blocker, "--diagnostics-format", "json");
        Assert.Equal(ExitCodes.IoOrInternalError, generate.Code);
        Assert.Equal(["warning SFB104", "error SFB081"], Codes(generate.Stderr));

        using var server = GarbageDnsServer.NotDns(tcp: true);
        var verify = CliRunner.Run("verify-dns", policy, "--server", $"127.0.0.1:{server.Port}", "--tcp", "--timeout", "1", "--diagnostics-format", "json");
        Assert.True(verify.Code == ExitCodes.IoOrInternalError, verify.ToString());
        Assert.Equal(["warning SFB104", "error SFB082"], Codes(verify.Stderr));
    }

    /// <summary>Severity and code of each diagnostic, stderr parsed as one JSON document (which throws
    /// on a second one: "'{' is invalid after a single JSON value").</summary>
    private static List<string> Codes(string stderr) =>
        [.. JsonDocument.Parse(stderr).RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => $"{d.GetProperty("severity").GetString()} {d.GetProperty("code").GetString()}")];

    [Fact]
    public void Warnings_pass_unless_warnings_as_errors()
    {
        var policy = Policy("tenant: {name: t}\ndomains: [t.example]\ndns: {ttl: 60}\n");
        var relaxed = CliRunner.Run("generate", policy, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(ExitCodes.Success, relaxed.Code);
        Assert.Contains("warning SFB104", relaxed.Stderr, StringComparison.Ordinal);

        var strict = CliRunner.Run("generate", policy, "--out", Path.Combine(_dir, "out2"), "--warnings-as-errors");
        Assert.Equal(ExitCodes.InvalidInput, strict.Code);
        Assert.Contains("error SFB104", strict.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out2")));
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error_printed_in_the_default_format()
    {
        var run = CliRunner.Run("validate", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--diagnostics-format", "xml");
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.StartsWith("sfbpolicygen: error SFB080: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_follow_the_format_too()
    {
        var json = CliRunner.Run("generate", "--bogus", "--diagnostics-format", "json");
        Assert.Equal(ExitCodes.InvalidInput, json.Code);
        var diagnostic = Assert.Single(JsonDocument.Parse(json.Stderr).RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("error SFB080 unknown option '--bogus'", $"{diagnostic.GetProperty("severity").GetString()} {diagnostic.GetProperty("code").GetString()} {diagnostic.GetProperty("message").GetString()}");
        Assert.False(diagnostic.TryGetProperty("file", out _));

        var github = CliRunner.Run("check", "--templates", Path.Combine(_dir, "nope"), "--diagnostics-format", "github");
        Assert.Equal(ExitCodes.InvalidInput, github.Code);
        Assert.Equal($"::error title=SFB080::the templates folder '{Path.Combine(_dir, "nope")}' does not exist\n", github.Stderr);

        var msbuild = CliRunner.Run("generate", "--bogus");
        Assert.Equal("sfbpolicygen: error SFB080: unknown option '--bogus'\nRun 'sfbpolicygen --help' for usage.\n", msbuild.Stderr);
    }

    [Fact]
    public void An_output_folder_that_is_a_file_is_annotated_as_such()
    {
        var blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "x");
        var run = CliRunner.Run("generate", Policy("tenant: {name: t}\ndomains: [t.example]\n"), "--out", blocker, "--diagnostics-format", "github");
        Assert.Equal(ExitCodes.IoOrInternalError, run.Code);
        Assert.Equal($"::error title=SFB081::the output folder '{blocker}' is a file; give --out a folder\n", run.Stderr);
    }
}
