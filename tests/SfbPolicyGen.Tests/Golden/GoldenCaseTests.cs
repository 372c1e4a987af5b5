using System.Globalization;
using System.Text;
using DiffPlex.Renderer;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Golden;

/// <summary>Every golden case, byte for byte. A failure leaves FILE.ACTUAL beside each expected file
/// that differs (DNSControl's convention), so the difference can be read in its native format.
/// The comparison is the test's own (bytes, and the set of paths), not OutputFolder.Compare: the
/// function behind <c>check</c> is under test too, and a fault in it must not bless its own output.</summary>
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
        var generated = tree.Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
        var onDisk = Directory.EnumerateFiles(expected, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".ACTUAL", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(expected, f).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);

        var differences = new List<string>();
        foreach (var (path, bytes) in generated.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var file = Path.Combine(expected, path);
            var want = onDisk.Contains(path) ? File.ReadAllBytes(file) : null;
            if (want is not null && want.AsSpan().SequenceEqual(bytes))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file + ".ACTUAL", bytes);
            differences.Add(want is null
                ? $"generated but not expected: {path} (see {path}.ACTUAL)"
                : $"changed: {path} (see {path}.ACTUAL)\n{Diff(path, want, bytes)}");
        }

        differences.AddRange(onDisk.Where(p => !generated.ContainsKey(p)).Order(StringComparer.Ordinal).Select(p => $"expected but not generated: {p}"));
        Assert.True(differences.Count == 0, $"{name}: {differences.Count} difference(s); re-baseline with tests/rebaseline.sh {name} only if each is intended\n\n{string.Join("\n\n", differences)}");
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
            Assert.Matches(@"^[012]\d{2}-[a-z0-9-]+$", name);
            var dir = GoldenCases.Dir(name);
            if (GoldenCases.IsImport(name))
            {
                Assert.True(Directory.Exists(Path.Combine(dir, "sources")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "sources")).Any(), $"{name} has no sources/");
                Assert.All(new[] { "arguments.txt", "expected.yaml", "expected.txt" }, file => Assert.True(File.Exists(Path.Combine(dir, file)), $"{name} has no {file}"));
                continue;
            }

            Assert.NotEmpty(GoldenCases.Inputs(name));
            if (GoldenCases.IsInvalid(name))
            {
                Assert.True(File.Exists(Path.Combine(dir, "expected.txt")), $"{name} has no expected.txt");
            }
            else
            {
                Assert.True(File.Exists(Path.Combine(GoldenCases.Expected(name), "manifest.json")), $"{name} has no expected/manifest.json");
            }
        }
    }

    /// <summary>A unified diff of the two versions as text, for the failure message only (the test
    /// compares bytes), and the first offset where the bytes part.</summary>
    private static string Diff(string path, byte[] expected, byte[] actual)
    {
        var offset = expected.AsSpan().CommonPrefixLength(actual);
        var diff = UnidiffRenderer.GenerateUnidiff(Readable(path, expected), Readable(path, actual), $"expected/{path}", $"generated/{path}", ignoreWhitespace: false);
        return string.Create(CultureInfo.InvariantCulture, $"the bytes part at offset {offset} ({expected.Length} expected, {actual.Length} generated)\n{diff}");
    }

    /// <summary>UTF-16LE after its byte order mark, a hex dump for the binary Registry.pol, else UTF-8
    /// (a UTF-8 byte order mark shows as U+FEFF at the start of the first line).</summary>
    private static string Readable(string path, byte[] bytes)
    {
        if (path.EndsWith(".pol", StringComparison.Ordinal))
        {
            return string.Concat(bytes.Chunk(16).Select((line, i) => string.Create(CultureInfo.InvariantCulture, $"{i * 16:x8}  {Convert.ToHexStringLower(line)}\n")));
        }

        return bytes.AsSpan().StartsWith(FormatFacts.Utf16LeBom)
            ? Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2)
            : new UTF8Encoding(false).GetString(bytes);
    }
}
