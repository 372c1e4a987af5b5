using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Golden;

/// <summary>Golden import cases (tests/golden/2xx-*): sources/ copied to a scratch folder, import run
/// there as its own process with the arguments of arguments.txt (one per line), then the policy file
/// it wrote compared byte for byte with expected.yaml, and its output and exit code with expected.txt
/// (a difference leaves FILE.ACTUAL beside the expected file). The expected file must itself load
/// without errors and generate: it is a policy file like any other. Re-baseline: tests/rebaseline.sh.</summary>
public sealed class ImportGoldenCaseTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.Imports), MemberType = typeof(GoldenCases))]
    public void Import_case_writes_exactly_the_expected_policy_file_and_output(string name)
    {
        var dir = GoldenCases.Dir(name);
        using var scratch = Consumers.ConsumerSuite.NewTempFolder();
        Copy(Path.Combine(dir, "sources"), Path.Combine(scratch.Path, "sources"));
        var arguments = File.ReadAllLines(Path.Combine(dir, "arguments.txt"));

        var run = CliProcess.Run(scratch.Path, arguments);

        var output = run.Stdout + run.Stderr + $"exit code: {run.Code}\n";
        var written = scratch.File("policies.yaml");
        var expectedYaml = Path.Combine(dir, "expected.yaml");
        var problems = new List<string>();
        Compare(Path.Combine(dir, "expected.txt"), output, problems);
        Compare(expectedYaml, File.Exists(written) ? File.ReadAllText(written) : null, problems);
        Assert.True(problems.Count == 0, $"{name}: {string.Join("; ", problems)}; re-baseline with tests/rebaseline.sh {name} only if each difference is intended");

        if (File.Exists(expectedYaml))
        {
            var diagnostics = new DiagnosticBag();
            Assert.NotNull(Generator.Build([expectedYaml], null, diagnostics));
            Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));
        }
    }

    /// <param name="actual">Null when nothing was written.</param>
    private static void Compare(string expectedPath, string? actual, List<string> problems)
    {
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : null;
        if (expected == actual)
        {
            return;
        }

        if (actual is not null)
        {
            File.WriteAllText(expectedPath + ".ACTUAL", actual);
        }

        problems.Add(actual is null ? $"{Path.GetFileName(expectedPath)} expected, nothing written" : $"{Path.GetFileName(expectedPath)} differs (see {Path.GetFileName(expectedPath)}.ACTUAL)");
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
