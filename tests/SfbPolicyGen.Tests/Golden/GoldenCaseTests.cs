using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Output;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Golden;

/// <summary>Every golden case, byte for byte. A failure leaves FILE.ACTUAL beside each expected file
/// that differs (DNSControl's convention), so the difference can be read in its native format.</summary>
public class GoldenCaseTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.Valid), MemberType = typeof(GoldenCases))]
    public void Valid_case_generates_exactly_the_expected_files(string name)
    {
        var diagnostics = new DiagnosticBag();
        var tree = Generator.Build(GoldenCases.Inputs(name), null, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));
        Assert.NotNull(tree);

        var expected = GoldenCases.Expected(name);
        var differences = OutputFolder.Compare(expected, tree).Differences;
        foreach (var difference in differences.Where(d => d.Kind is DifferenceKind.Missing or DifferenceKind.Changed or DifferenceKind.Edited))
        {
            var actual = Path.Combine(expected, difference.Path + ".ACTUAL");
            Directory.CreateDirectory(Path.GetDirectoryName(actual)!);
            File.WriteAllBytes(actual, tree.Files.Single(f => f.Path == difference.Path).Bytes);
        }

        var onDisk = Directory.EnumerateFiles(expected, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".ACTUAL", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(expected, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Empty(differences.Select(d => $"{d.Kind}: {d.Path}\n{d.UnifiedDiff}"));
        Assert.Equal(tree.Files.Select(f => f.Path).Order(StringComparer.Ordinal), onDisk);
    }

    [Theory]
    [MemberData(nameof(GoldenCases.Invalid), MemberType = typeof(GoldenCases))]
    public void Invalid_case_reports_exactly_the_expected_diagnostics(string name)
    {
        var (code, stdout, stderr) = CliRunner.Run(["validate", .. GoldenCases.Inputs(name)]);
        var actual = (stdout + stderr).Replace(GoldenCases.Dir(name) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            + $"exit code: {code}\n";
        var expectedPath = Path.Combine(GoldenCases.Dir(name), "expected.txt");
        var expected = File.ReadAllText(expectedPath);
        if (expected != actual)
        {
            File.WriteAllText(expectedPath + ".ACTUAL", actual);
        }

        Assert.Equal(expected, actual);
        Assert.Equal(ExitCodes.InvalidInput, code);
    }

    [Fact]
    public void Every_case_has_inputs_and_expected_files()
    {
        var cases = GoldenCases.All.ToList();
        Assert.NotEmpty(cases);
        foreach (var name in cases)
        {
            Assert.Matches(@"^\d{3}-[a-z0-9-]+$", name);
            Assert.NotEmpty(GoldenCases.Inputs(name));
            if (GoldenCases.IsInvalid(name))
            {
                Assert.True(File.Exists(Path.Combine(GoldenCases.Dir(name), "expected.txt")), $"{name} has no expected.txt");
            }
            else
            {
                Assert.True(File.Exists(Path.Combine(GoldenCases.Expected(name), "manifest.json")), $"{name} has no expected/manifest.json");
            }
        }
    }
}
