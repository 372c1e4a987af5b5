using System.Text.RegularExpressions;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Diagnostics;

/// <summary>DiagnosticRules (what SARIF's rules say) against the source of DiagnosticCodes.cs, as
/// DiagnosticCodeTests holds the raising functions to it: one rule per code and one code per rule,
/// each with its constant's name, in ordinal order.</summary>
public partial class DiagnosticCodeRulesTests
{
    private static readonly string Table = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "SfbPolicyGen", "Diagnostics", "DiagnosticCodes.cs"));

    /// <summary>(code, name, raising type) of every constant of the table, as written.</summary>
    private static List<(string Code, string Name, string Type)> Codes() =>
        [.. CodeLine().Matches(Table).Select(m => (m.Groups["code"].Value, m.Groups["name"].Value, m.Groups["type"].Value))];

    [Fact]
    public void Every_code_has_exactly_one_rule_with_its_name_and_every_rule_a_code()
    {
        var codes = Codes();
        Assert.Equal(Regex.Count(Table, "public const string "), codes.Count);
        Assert.True(codes.Count > 50, $"{codes.Count} codes read from DiagnosticCodes.cs");

        var problems = new List<string>();
        foreach (var (code, name, _) in codes)
        {
            var rules = DiagnosticRules.All.Where(r => r.Code == code).ToList();
            if (rules.Count != 1)
            {
                problems.Add($"{code} ({name}): {rules.Count} rules, expected one");
            }
            else if (rules[0].Name != name)
            {
                problems.Add($"{code}: the rule is named '{rules[0].Name}', the constant '{name}'");
            }
        }

        problems.AddRange(DiagnosticRules.All.Where(r => !codes.Exists(c => c.Code == r.Code)).Select(r => $"{r.Code} ({r.Name}): a rule for no code of DiagnosticCodes"));
        Assert.Empty(problems);
    }

    [Fact]
    public void Rules_are_in_ordinal_order_of_their_codes()
    {
        var codes = DiagnosticRules.All.Select(r => r.Code).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.All(codes, code => Assert.Matches(@"^SFB\d{3}$", code));
    }

    /// <summary>A run diagnostic (no file) is raised by the CLI's CommandOutput or CliApp, or in the
    /// library through DiagnosticBag.RunError (a time-stamping authority that gave no token, SFB085), and
    /// only those become SARIF notifications rather than results.</summary>
    [Fact]
    public void Rules_of_the_run_are_exactly_the_codes_raised_at_no_place()
    {
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "SfbPolicyGen"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        var ofRun = Codes().Where(c => c.Type is "CommandOutput" or "CliApp" || source.Contains($"RunError(DiagnosticCodes.{c.Name},", StringComparison.Ordinal)).Select(c => c.Code).ToList();
        Assert.Equal(["SFB080", "SFB081", "SFB082", "SFB083", "SFB084", "SFB085", "SFB099", "SFB180", "SFB181"], ofRun);
        Assert.Equal(ofRun, DiagnosticRules.All.Where(r => r.OfRun).Select(r => r.Code));
    }

    [Fact]
    public void Errors_are_SFB0xx_and_warnings_SFB1xx()
    {
        Assert.Equal(Severity.Error, DiagnosticRules.All.Single(r => r.Code == "SFB021").DefaultSeverity);
        Assert.Equal(Severity.Warning, DiagnosticRules.All.Single(r => r.Code == "SFB104").DefaultSeverity);
        Assert.All(DiagnosticRules.All, r => Assert.Equal(r.Code[3] == '0' ? Severity.Error : Severity.Warning, r.DefaultSeverity));
    }

    /// <summary>The short description is one sentence and the help one to three (SARIF shows the first at
    /// the top of an alert, the second below it).</summary>
    [Fact]
    public void Short_description_is_one_sentence_and_help_one_to_three()
    {
        Assert.All(DiagnosticRules.All, r =>
        {
            Assert.True(Sentences(r.ShortDescription) == 1, $"{r.Code} short: '{r.ShortDescription}'");
            Assert.True(Sentences(r.Help) is >= 1 and <= 3, $"{r.Code} help ({Sentences(r.Help)} sentences): '{r.Help}'");
            Assert.DoesNotContain(r.ShortDescription, r.Help, StringComparison.Ordinal);
        });
    }

    /// <summary>Sentences end with '.' at the end or before a space and a capital or a quote ("...the
    /// nearest. Use"); dots inside names (contoso.com, .exe, e.g.) do not end one.</summary>
    private static int Sentences(string text) => text.EndsWith('.') ? SentenceEnd().Count(text) + 1 : 0;

    [GeneratedRegex(@"\.\s+(?=[A-Z'(])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"public const string (?<name>\w+) = ""(?<code>SFB\d{3})""; // (?<type>\w+)\.\w+$", RegexOptions.Multiline)]
    private static partial Regex CodeLine();
}
