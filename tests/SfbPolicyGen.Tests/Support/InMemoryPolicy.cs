using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Tests.Consumers;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A policy written in a test as YAML text, generated as <c>generate</c> would (Generator.Build)
/// but kept in memory: the artifacts' bytes by their path under the output folder.</summary>
public static class InMemoryPolicy
{
    public static IReadOnlyDictionary<string, byte[]> Build(string yaml)
    {
        using var folder = ConsumerSuite.NewTempFolder();
        var path = folder.File("policies.yaml");
        File.WriteAllText(path, yaml);
        var diagnostics = new DiagnosticBag();
        var tree = Generator.Build([path], null, diagnostics);
        Assert.True(tree is not null, string.Join('\n', diagnostics.Sorted()));
        return tree.Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
    }
}
