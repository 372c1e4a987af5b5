using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Hostile;

/// <summary>Every message that quotes input (the loader's, explain's, verify-dns's, init's, the command
/// line's) shows a control, bidi or zero-width character as \uXXXX: nothing a policy file or a command
/// line holds can rewrite a terminal or make a reviewer read a message other than it is.</summary>
public sealed class MessageQuotingTests : IDisposable
{
    private const string Bidi = "\u202E";

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-quoting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> PolicyFiles => new()
    {
        { "tenant: {name: \"evil\\u202Etxt.exe\"}\ndomains: [c.example]\n", "'tenant.name' is 'evil\\u202Etxt.exe': use 1-63" },
        { "tenant: {name: t}\ndomains: [c.example]\n\"x\\u202Ey\": 1\n", "unknown key 'x\\u202Ey' at the top level" },
        { "tenant: {name: t}\ndomains: [\"c\\u001B[2J.example\"]\n", "'c\\u001B[2J.example' in 'domains' is not a valid domain name: label 'c\\u001B[2j' has the character U+001B" },
        { "tenant: {name: t}\ndomains: [c.example]\ndns: {profile: \"x\\u202E\"}\n", "'x\\u202E' is not a valid 'dns.profile'" },
        { "tenant: {name: t}\ndomains: [c.example]\ndns: {ttl: \"1\\u202E\"}\n", "found '1\\u202E'" },
        { "tenant: {name: t}\ndomains: [c.example]\nclientCleanup: \"yes\\u2028\"\n", "found 'yes\\u2028'" },
        { "tenant: {name: t}\ndomains: [c.example]\nproxy: {kind: tmg, applications: [{name: \"a\\u202Eb\"}]}\n", "application name 'a\\u202Eb' is refused" },
        { "tenant: {name: t}\ndomains: [c.example]\nactiveDirectory: {users: [\"al\\u202Eice@c.example\"]}\n", "the part before '@' may not contain '\\u202E'" },
    };

    [Theory]
    [MemberData(nameof(PolicyFiles))]
    public void The_loader_quotes_values_and_keys_by_the_one_rule(string yaml, string expected)
    {
        var path = Path.Combine(_dir, "policies.yaml");
        File.WriteAllText(path, yaml);
        var run = CliRunner.Run("validate", path);
        Assert.Equal(2, run.Code);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        AssertShownSafely(run);
    }

    [Theory]
    [InlineData("explain", $"x{Bidi}y\u001b[31m")]
    [InlineData("init", "--tenant", $"a{Bidi}b")]
    [InlineData("init", "--domain", $"c{Bidi}.example")]
    [InlineData("init", "--domain", "c\u001b.example")]
    [InlineData("verify-dns", "--server", $"ns{Bidi}1:99999")]
    [InlineData("generate", "--templates", $"t{Bidi}")]
    [InlineData($"gen{Bidi}erate")]
    [InlineData("validate", $"--bogus{Bidi}")]
    public void The_command_line_quotes_tokens_by_the_one_rule(params string[] args)
    {
        var policy = Path.Combine(_dir, "p.yaml");
        File.WriteAllText(policy, "tenant: {name: t}\ndomains: [t.example]\n");
        var run = CliRunner.Run([.. args, .. args[0] is "init" ? [Path.Combine(_dir, "new.yaml")] : args[0] is "verify-dns" or "generate" ? [policy] : Array.Empty<string>()]);
        Assert.Equal(2, run.Code);
        Assert.Contains("\\u", run.Stderr, StringComparison.Ordinal);
        AssertShownSafely(run);
    }

    private static void AssertShownSafely(CliResult run) =>
        Assert.DoesNotContain(run.Stdout + run.Stderr, c => c is '\u202E' or '\u2028' or '\u001b');
}
