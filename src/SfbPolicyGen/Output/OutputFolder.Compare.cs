using DiffPlex.Renderer;

namespace SfbPolicyGen.Output;

public enum DifferenceKind
{
    /// <summary>generate would write it: it is not there.</summary>
    Missing,

    /// <summary>The policy changed: the file is as generate last wrote it, and generate would now write other bytes.</summary>
    Changed,

    /// <summary>Edited by hand: the file is not what generate last wrote (generate would overwrite it).</summary>
    Edited,

    /// <summary>generate no longer produces it and would remove it.</summary>
    Removed,

    /// <summary>generate no longer produces it, but it was edited since it was written: generate keeps it.</summary>
    KeptAfterEdit,

    /// <summary>In a tenant folder of the run, but not written by sfbpolicygen: generate leaves it.</summary>
    Stray,
}

public sealed record Difference(string Path, DifferenceKind Kind, string? UnifiedDiff);

/// <param name="LeftAlone">Tenants of the folder outside the run's scope: not compared.</param>
public sealed record Comparison(IReadOnlyList<Difference> Differences, IReadOnlyList<string> LeftAlone);

public static partial class OutputFolder
{
    /// <summary>What <see cref="Write"/> would change, without writing, for the tenants in the run's
    /// scope: files missing, changed by the policy, edited by hand (with a unified diff of the decoded
    /// text), files that would be removed or kept, files in a run tenant's folder that sfbpolicygen did
    /// not write, and the manifest. Ordinal order of path.</summary>
    public static Comparison Compare(string outDirectory, GeneratedTree tree, bool prune = false)
    {
        var scope = new FolderScope(Directory.Exists(outDirectory) ? Manifest.Load(outDirectory) : ManifestContent.None, tree, prune);
        var owned = scope.OwnedInScope.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var differences = new List<Difference>();
        foreach (var file in tree.Artifacts.Select(a => new OutputFile(a.Path, a.Bytes, a.Format)).Append(new OutputFile(Manifest.FileName, scope.Manifest, ArtifactFormat.Manifest)))
        {
            var full = Resolve(outDirectory, file.Path);
            if (!File.Exists(full))
            {
                differences.Add(new Difference(file.Path, DifferenceKind.Missing, null));
                continue;
            }

            var actual = File.ReadAllBytes(full);
            if (!actual.AsSpan().SequenceEqual(file.Bytes))
            {
                var edited = owned.TryGetValue(file.Path, out var known) && !known.Sha256s.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(actual)));
                var diff = UnidiffRenderer.GenerateUnidiff(file.Format.Decode(actual), file.Format.Decode(file.Bytes), $"a/{file.Path}", $"b/{file.Path}", ignoreWhitespace: false);
                differences.Add(new Difference(file.Path, edited ? DifferenceKind.Edited : DifferenceKind.Changed, string.IsNullOrEmpty(diff) ? "(the bytes differ: encoding, byte order mark or line endings)" : diff));
            }
        }

        var produced = tree.Artifacts.Select(a => a.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var file in owned.Values.Where(f => !produced.Contains(f.Path)))
        {
            var full = Resolve(outDirectory, file.Path);
            if (File.Exists(full))
            {
                differences.Add(new Difference(file.Path, file.Sha256s.Contains(Sha256Of(full)) ? DifferenceKind.Removed : DifferenceKind.KeptAfterEdit, null));
            }
        }

        differences.AddRange(StrayFiles(outDirectory, tree.Tenants, owned.Keys.Concat(produced).ToHashSet(StringComparer.Ordinal)).Select(p => new Difference(p, DifferenceKind.Stray, null)));
        return new Comparison([.. differences.OrderBy(d => d.Path, StringComparer.Ordinal)], scope.LeftAlone);
    }

    /// <summary>Files in the folders of the run's tenants that sfbpolicygen neither wrote nor writes.</summary>
    private static IEnumerable<string> StrayFiles(string outDirectory, IReadOnlyList<string> tenants, HashSet<string> known)
    {
        var root = Path.GetFullPath(outDirectory);
        foreach (var tenant in tenants)
        {
            var folder = Path.Combine(root, tenant);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!known.Contains(relative))
                {
                    yield return relative;
                }
            }
        }
    }
}
