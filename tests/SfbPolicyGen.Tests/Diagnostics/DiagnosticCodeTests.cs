using System.Text.RegularExpressions;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Diagnostics;

/// <summary>"Greppable both ways" (octoDNS's validator ids): every code of DiagnosticCodes.cs is
/// raised at exactly one place in src, inside the function its comment names, and every code is used.</summary>
public partial class DiagnosticCodeTests
{
    private static readonly string Source = Path.Combine(RepoPaths.Root, "src");

    [Fact]
    public void Every_code_is_raised_in_exactly_the_one_function_its_comment_names()
    {
        var table = File.ReadAllText(Path.Combine(Source, "SfbPolicyGen", "Diagnostics", "DiagnosticCodes.cs"));
        var codes = CodeLine().Matches(table).ToList();
        Assert.Equal(Regex.Count(table, "public const string "), codes.Count); // every code names its function
        Assert.NotEmpty(codes);

        var references = References().ToList();
        var problems = new List<string>();
        foreach (var code in codes)
        {
            var (name, type, function) = (code.Groups["name"].Value, code.Groups["type"].Value, code.Groups["function"].Value);
            var uses = references.Where(r => r.Code == name).ToList();
            if (uses.Count != 1)
            {
                problems.Add($"{name}: referenced {uses.Count} times ({string.Join(", ", uses.Select(u => $"{u.File}:{u.Line}"))}), expected once");
                continue;
            }

            var use = uses[0];
            var fileName = Path.GetFileName(use.File);
            if (!(fileName == $"{type}.cs" || fileName.StartsWith($"{type}.", StringComparison.Ordinal)) || use.Function != function)
            {
                problems.Add($"{name}: raised in {use.Function} ({use.File}:{use.Line}), but DiagnosticCodes.cs says {type}.{function}");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void References_outside_the_table_are_all_known_codes()
    {
        var table = File.ReadAllText(Path.Combine(Source, "SfbPolicyGen", "Diagnostics", "DiagnosticCodes.cs"));
        var known = CodeLine().Matches(table).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.All(References(), r => Assert.Contains(r.Code, known));
    }

    /// <summary>Each <c>DiagnosticCodes.X</c> in src (outside the table), with the member of a top-level
    /// type that encloses it: the last member declaration (four spaces in, a modifier, a name and '(')
    /// above it. Local functions and lambdas belong to the member around them.</summary>
    private static IEnumerable<(string Code, string File, int Line, string Function)> References()
    {
        foreach (var file in Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && Path.GetFileName(f) != "DiagnosticCodes.cs")
                     .Order(StringComparer.Ordinal))
        {
            var function = "";
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (MemberDeclaration().Match(lines[i]) is { Success: true } declaration)
                {
                    function = declaration.Groups["name"].Value;
                }

                foreach (Match reference in Reference().Matches(lines[i]))
                {
                    yield return (reference.Groups["code"].Value, Path.GetRelativePath(RepoPaths.Root, file), i + 1, function);
                }
            }
        }
    }

    [GeneratedRegex(@"public const string (?<name>\w+) = ""SFB\d{3}""; // (?<type>\w+)\.(?<function>\w+)$", RegexOptions.Multiline)]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"\bDiagnosticCodes\.(?<code>\w+)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^    (?:(?:public|private|internal|protected|static|sealed|override|async|new|partial)\s+)+[^=;]*?\b(?<name>\w+)(?:<[^>]*>)?\(")]
    private static partial Regex MemberDeclaration();
}
