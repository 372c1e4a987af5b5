using System.Text;
using System.Text.RegularExpressions;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Repository;

/// <summary>The repository explains itself (issue 22): what a comment cites is in the repository. No
/// tracked file names the notes that once lived outside it (only ../shared held them), and every
/// <c>docs/*.md</c> or <c>CONTRIBUTING.md</c> a file cites is tracked, with the heading it quotes
/// (<c>docs/DNS.md, "The rule"</c>) when it quotes one. Tests may still read fixtures from ../shared
/// (the ADMX schema, the hive): a path they open is not a citation, and none of them is one of those notes.</summary>
public partial class RepositoryReferenceTests
{
    /// <summary>The notes' names, spelt in two parts so that this file does not name them itself.</summary>
    private static readonly string[] OutsideNotes = ["DOMAIN" + ".md", "STYLE" + ".md"];

    /// <summary>Generated output: the golden cases' expected files and the committed sample. What they say
    /// comes from the templates, which are scanned themselves.</summary>
    private static readonly string[] Generated = ["out/", "tests/golden/"];

    [SkippableFact]
    public void No_tracked_file_names_the_notes_outside_the_repository()
    {
        var problems = new List<string>();
        foreach (var file in TrackedFiles())
        {
            var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, file));
            foreach (var note in OutsideNotes)
            {
                // UTF-16LE too: the .reg files are UTF-16.
                if (Contains(bytes, Encoding.UTF8.GetBytes(note)) || Contains(bytes, Encoding.Unicode.GetBytes(note)))
                {
                    problems.Add($"{file} names {note}: cite the docs/ file or CONTRIBUTING.md that holds the fact");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [SkippableFact]
    public void Every_cited_document_and_heading_is_in_the_repository()
    {
        var tracked = TrackedFiles().ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var cited = 0;
        foreach (var file in tracked.Where(f => !Generated.Any(g => f.StartsWith(g, StringComparison.Ordinal))).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, file));
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match citation in Citation().Matches(lines[i]))
                {
                    cited++;
                    var document = citation.Groups["document"].Value;
                    if (!tracked.Contains(document))
                    {
                        problems.Add($"{file}:{i + 1} cites {document}, which the repository does not hold");
                    }
                    else if (citation.Groups["heading"] is { Success: true } heading && !Headings(document).Any(h => h.StartsWith(heading.Value, StringComparison.Ordinal)))
                    {
                        problems.Add($"{file}:{i + 1} cites {document}, \"{heading.Value}\", which is no heading of it");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(cited > 30, $"only {cited} citations found: the pattern no longer matches how the code cites");
    }

    /// <summary>The pattern sees the citations it should: a path alone, a path and its heading, a link.</summary>
    [Theory]
    [InlineData("/// (docs/REGISTRY.md, \".reg files\")", "docs/REGISTRY.md", ".reg files")]
    [InlineData("(CONTRIBUTING.md, \"Adding a concern\").", "CONTRIBUTING.md", "Adding a concern")]
    [InlineData("allocated (docs/PERFORMANCE.md).", "docs/PERFORMANCE.md", "")]
    [InlineData("[docs/ACTIVE-DIRECTORY.md](docs/ACTIVE-DIRECTORY.md)", "docs/ACTIVE-DIRECTORY.md", "")]
    public void The_pattern_finds_a_citation(string line, string document, string heading)
    {
        var match = Citation().Match(line);
        Assert.Equal((document, heading), (match.Groups["document"].Value, match.Groups["heading"].Value));
    }

    private static IEnumerable<string> Headings(string document) =>
        File.ReadLines(Path.Combine(RepoPaths.Root, document))
            .Where(line => line.StartsWith('#'))
            .Select(line => line.TrimStart('#').Trim());

    /// <summary>The files git tracks, relative to the root with '/'. A copy that is not a git checkout
    /// skips the test (a failure under SFB_REQUIRE_CONSUMERS=1, as in CI's clone).</summary>
    private static IEnumerable<string> TrackedFiles()
    {
        var git = ExternalTool.Require("git", "git");
        var result = ExternalTool.Run(git, ["-C", RepoPaths.Root, "ls-files", "-z"]);
        if (result.ExitCode != 0)
        {
            throw ExternalTool.Unavailable($"{RepoPaths.Root} is not a git checkout: {result.Stderr.Trim()}");
        }

        var files = result.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(files);

        // A file deleted in the work tree but not yet from the index is not there to read.
        return files.Where(f => File.Exists(Path.Combine(RepoPaths.Root, f)));
    }

    private static bool Contains(byte[] bytes, byte[] value) => bytes.AsSpan().IndexOf(value) >= 0;

    [GeneratedRegex(@"(?<![\w/.-])(?<document>docs/[A-Z][A-Z-]*\.md|CONTRIBUTING\.md)(?:, ""(?<heading>[^""]+)"")?")]
    private static partial Regex Citation();
}
