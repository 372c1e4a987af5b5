using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Golden;

/// <summary>tests/golden/NNN-name/: inputs (*.yaml) and what they must give. Cases 0xx are valid and
/// hold the whole expected output folder in expected/; cases 1xx are invalid and hold
/// expected.txt, the diagnostics and exit code of <c>validate</c>. Re-baseline: tests/rebaseline.sh.</summary>
public static class GoldenCases
{
    public static IEnumerable<string> All => Directory.EnumerateDirectories(RepoPaths.Golden).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> Valid => [.. All.Where(c => !IsInvalid(c))];

    public static TheoryData<string> Invalid => [.. All.Where(IsInvalid)];

    /// <summary>The valid cases plus the sample policies.yaml with its committed out/.</summary>
    public static TheoryData<string> ValidWithSample => [.. All.Where(c => !IsInvalid(c)), Sample];

    public const string Sample = "sample";

    public static bool IsInvalid(string name) => name.StartsWith('1');

    public static string Dir(string name) => name == Sample ? RepoPaths.Root : Path.Combine(RepoPaths.Golden, name);

    public static string[] Inputs(string name) => name == Sample
        ? [Path.Combine(RepoPaths.Root, "policies.yaml")]
        : [.. Directory.EnumerateFiles(Dir(name), "*.yaml").Order(StringComparer.Ordinal)];

    public static string Expected(string name) => name == Sample ? Path.Combine(RepoPaths.Root, "out") : Path.Combine(Dir(name), "expected");

    /// <summary>The models of a valid case, loaded from its inputs: what each artifact is compared with.</summary>
    public static IReadOnlyList<TenantPolicy> Tenants(string name)
    {
        var diagnostics = new DiagnosticBag();
        var tenants = Generator.LoadAll(Inputs(name), diagnostics).Tenants;
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));
        return tenants;
    }

    /// <summary>A committed artifact of a valid case (path relative to its output folder); fails when absent.</summary>
    public static string ExpectedFile(string name, string relative)
    {
        var path = Path.Combine(Expected(name), relative);
        Assert.True(File.Exists(path), $"{path} is missing");
        return path;
    }
}
