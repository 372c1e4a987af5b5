using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Output;
using SfbPolicyGen.Tests.Consumers;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A policy written in a test as YAML text, generated as <c>generate</c> would (Generator.Build)
/// but kept in memory: the artifacts' bytes by their path under the output folder.</summary>
public static class InMemoryPolicy
{
    /// <param name="earlier">Policies generated into the same folder before, in order: what their runs
    /// published is the tool's (the manifest's facts, <see cref="GeneratedTree.After(IEnumerable{SfbPolicyGen.Model.TenantFacts})"/>), as when one
    /// repository's policy file changes from one commit to the next.</param>
    public static IReadOnlyDictionary<string, byte[]> Build(string yaml, params string[] earlier) =>
        Tree(yaml, earlier).Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);

    public static GeneratedTree Tree(string yaml, params string[] earlier)
    {
        using var folder = ConsumerSuite.NewTempFolder();
        GeneratedTree? previous = null;
        foreach (var text in earlier.Append(yaml))
        {
            var path = folder.File("policies.yaml");
            File.WriteAllText(path, text);
            var diagnostics = new DiagnosticBag();
            var tree = Generator.Build([path], null, diagnostics);
            Assert.True(tree is not null, string.Join('\n', diagnostics.Sorted()));
            previous = previous is null ? tree : tree.After(previous.Facts);
        }

        return previous!;
    }
}
