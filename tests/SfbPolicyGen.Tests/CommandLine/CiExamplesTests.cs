using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>The CI examples in examples/: well-formed YAML, every sfbpolicygen command they run parses
/// against the real command tree (the command and each option exist), and the reviewed plan is what
/// they apply.</summary>
public class CiExamplesTests
{
    public static TheoryData<string> Examples => ["github-actions.yml", "azure-pipelines.yml"];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_is_yaml_and_its_commands_exist(string name)
    {
        var commands = Scalars(Load(name))
            .SelectMany(s => s.Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("sfbpolicygen ", StringComparison.Ordinal))
            .ToList();
        Assert.True(commands.Count >= 4, $"{name} runs {commands.Count} sfbpolicygen command(s)");
        Assert.Contains(commands, c => c.StartsWith("sfbpolicygen plan ", StringComparison.Ordinal) && c.Contains("--format markdown", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("sfbpolicygen check ", StringComparison.Ordinal));

        var root = CliApp.BuildRootCommand(TextWriter.Null, TextWriter.Null);
        foreach (var command in commands)
        {
            // What the shell passes: the words before any redirection.
            var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).TakeWhile(w => w != ">").ToArray();
            var parsed = root.Parse(words);
            Assert.True(parsed.Errors.Count == 0, $"{name}: '{command}': {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }

        // The pull request's plan is saved, and the apply job runs generate with that file and the same
        // inputs, --out and --prune: otherwise its checksum could never match.
        var save = Assert.Single(commands, c => c.StartsWith("sfbpolicygen plan ", StringComparison.Ordinal) && c.Contains(" --save ", StringComparison.Ordinal));
        var apply = Assert.Single(commands, c => c.StartsWith("sfbpolicygen generate ", StringComparison.Ordinal) && c.Contains(" --plan ", StringComparison.Ordinal));
        Assert.Equal(Path.GetFileName(ValueOf(save, "--save")), Path.GetFileName(ValueOf(apply, "--plan")));
        Assert.Equal(RunOf(save, "--format", "--save"), RunOf(apply, "--plan", "--diagnostics-format"));
        Assert.DoesNotContain(commands, c => c.Contains("--force", StringComparison.Ordinal));

        // Each JUnit report an example writes is published, whatever the step's exit code.
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", name));
        foreach (var report in commands.Where(c => c.Contains(" --report ", StringComparison.Ordinal)))
        {
            var words = Words(report);
            Assert.Equal("junit", ValueOf(report, "--report"));
            var file = words.SkipWhile(w => w != "--report").Skip(2).First();
            Assert.Contains($"testResultsFiles: {file}\n", text, StringComparison.Ordinal);
        }

        if (name == "azure-pipelines.yml")
        {
            Assert.Equal(2, commands.Count(c => c.Contains(" --report junit ", StringComparison.Ordinal)));
            Assert.Equal(2, CountOf(text, "- task: PublishTestResults@2\n            condition: always()\n            inputs:\n              testResultsFormat: JUnit\n"));
            Assert.Equal(2, CountOf(text, "failTaskOnFailedTests: false\n"));
        }
    }

    /// <summary>GitHub's example writes the SARIF log to a file and uploads that file to code scanning,
    /// even when validate fails (that is when the log matters), from a job allowed to write security
    /// events (github/codeql-action's upload-sarif needs it).</summary>
    [Fact]
    public void GitHub_example_uploads_the_SARIF_log_it_writes()
    {
        var jobs = (YamlMappingNode)((YamlMappingNode)Load("github-actions.yml"))["jobs"];
        var (job, steps, at, command) = Assert.Single(
            from entry in jobs.Children
            let j = (YamlMappingNode)entry.Value
            let s = ((YamlSequenceNode)j["steps"]).Children.Cast<YamlMappingNode>().ToList()
            from i in Enumerable.Range(0, s.Count)
            where s[i].Children.ContainsKey("run") && Scalars(s[i]["run"]).Single().Contains("--diagnostics-format sarif", StringComparison.Ordinal)
            select (j, s, i, Scalars(s[i]["run"]).Single().Trim()));
        Assert.StartsWith("sfbpolicygen validate ", command, StringComparison.Ordinal);
        var file = ValueOf(command, "--diagnostics-file");

        var upload = Assert.Single(steps.Skip(at + 1), s => s.Children.ContainsKey("uses") && Scalars(s["uses"]).Single().StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal));
        Assert.Equal("github/codeql-action/upload-sarif@v3", Scalars(upload["uses"]).Single());
        Assert.Equal("always()", Scalars(upload["if"]).Single());
        Assert.Equal(file, Scalars(((YamlMappingNode)upload["with"])["sarif_file"]).Single());
        Assert.Equal("write", Scalars(((YamlMappingNode)job["permissions"])["security-events"]).Single());
    }

    private static YamlNode Load(string name)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoPaths.Root, "examples", name));
        stream.Load(reader);
        return stream.Documents.Single().RootNode;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static string[] Words(string command) => [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).TakeWhile(w => w != ">")];

    private static string ValueOf(string command, string option) => Words(command).SkipWhile(w => w != option).Skip(1).First();

    /// <summary>The inputs and options that decide what generate writes: the words but for the named
    /// options and their values, and a report (--report FORMAT FILE: two values).</summary>
    private static List<string> RunOf(string command, params string[] without)
    {
        var words = Words(command);
        return [.. words.Where((word, i) =>
            !without.Contains(word) && (i == 0 || !without.Contains(words[i - 1]))
            && word != "--report" && (i < 1 || words[i - 1] != "--report") && (i < 2 || words[i - 2] != "--report"))];
    }

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => mapping.Children.SelectMany(c => Scalars(c.Value)),
        _ => [],
    };
}
