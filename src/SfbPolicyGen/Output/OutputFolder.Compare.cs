using System.Collections;
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

    /// <summary>In a tenant folder of the run (with --prune, in any folder), but not sfbpolicygen's (not in
    /// its manifest): generate leaves it.</summary>
    Stray,
}

public sealed record Difference(string Path, DifferenceKind Kind, string? UnifiedDiff);

/// <param name="LeftAlone">Tenants of the folder outside the run's scope: not compared.</param>
/// <param name="Produced">The paths of the files the run produces, the manifest and out/.gitattributes
/// included ('/'-separated, relative to the output folder; in the order rendered, the two last): what
/// check's JUnit report has a test case for, besides the differences of files it does not produce.</param>
public sealed record Comparison(IReadOnlyList<Difference> Differences, IReadOnlyList<string> LeftAlone, IReadOnlyList<string> Produced)
{
    /// <summary>How many files the run produces.</summary>
    public int Files => Produced.Count;
}

public static partial class OutputFolder
{
    /// <summary>What <see cref="Write"/> would change, without writing, for the tenants in the run's
    /// scope: files missing, changed by the policy, edited by hand (with a unified diff of the decoded
    /// text), files that would be removed or kept, files in a run tenant's folder that sfbpolicygen did
    /// not write, and the manifest. Ordinal order of path. Tenant by tenant as they are rendered, each
    /// file on disk read once; which files exist comes from listing the tenant's folder, which the
    /// search for files sfbpolicygen did not write needs anyway.</summary>
    /// <exception cref="GenerationFailedException">A template failed.</exception>
    public static Comparison Compare(string outDirectory, GeneratedTree tree, bool prune = false)
    {
        var scope = new FolderScope(Directory.Exists(outDirectory) ? Manifest.Load(outDirectory, tree.Registry) : ManifestContent.None, tree.Tenants, prune);
        tree = tree.After(outDirectory, scope);
        var root = Path.GetFullPath(outDirectory);
        var owned = scope.OwnedInScope;
        var differences = new List<Difference>();
        var entries = new List<ManifestEntry>();
        var produced = new HashSet<string>(StringComparer.Ordinal);
        // Each tenant is read and compared on the core that rendered it; this thread only gathers (issue 25).
        foreach (var (tenantEntries, tenantDifferences) in tree.Render(tenant => CompareTenant(root, tenant, scope, owned, tree.Signer)))
        {
            foreach (var entry in tenantEntries)
            {
                entries.Add(entry);
                produced.Add(entry.Path); // the previous manifest's string when it has the file: the artifact's goes
            }

            differences.AddRange(tenantDifferences);
        }

        if (prune && Directory.Exists(root))
        {
            // With --prune the run owns the whole folder: a folder of no tenant of the run holds what
            // generate --prune kept (edited, or never its own), which only the user can move or delete.
            var runTenants = tree.Tenants.ToHashSet(StringComparer.Ordinal);
            foreach (var folder in Directory.EnumerateDirectories(root).Where(f => Path.GetFileName(f) is var name && name != StagingName && !runTenants.Contains(name)))
            {
                differences.AddRange(Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                    .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
                    .Where(p => !owned.ContainsKey(p))
                    .Select(p => new Difference(p, DifferenceKind.Stray, null)));
            }
        }

        if (Directory.Exists(Path.Join(root, StagingName)))
        {
            // Left by a run that stopped: not part of the output, and generate removes it.
            differences.Add(new Difference(StagingName + "/", DifferenceKind.Removed, null));
        }

        var after = scope.After(entries, tree.Facts);
        if (scope.Previous.State == ManifestState.Absent)
        {
            // Missing says it all: the manifest, megabytes at a thousand tenants, is not built to be shown.
            differences.Add(new Difference(Manifest.FileName, DifferenceKind.Missing, null));
        }
        else if (!IsManifest(scope.Previous, after))
        {
            // Only a manifest that differs is built in memory, and read again, for its diff.
            var manifest = new OutputFile(Manifest.FileName, Manifest.Serialize(after.Entries, after.Facts), ArtifactFormat.Manifest);
            differences.Add(Differ(manifest, File.ReadAllBytes(Resolve(root, Manifest.FileName)), owned)!);
        }

        var rootAttributes = Resolve(root, RootGitAttributes.FileName);
        if (Differ(RootGitAttributes.File, File.Exists(rootAttributes) ? File.ReadAllBytes(rootAttributes) : (ReadOnlyMemory<byte>?)null, owned) is { } attributes)
        {
            differences.Add(attributes);
        }

        foreach (var file in owned.Values.Where(f => !produced.Contains(f.Path)))
        {
            var full = Resolve(root, file.Path);
            if (File.Exists(full))
            {
                differences.Add(new Difference(file.Path, file.Holds(File.ReadAllBytes(full)) ? DifferenceKind.Removed : DifferenceKind.KeptAfterEdit, null));
            }
        }

        return new Comparison([.. differences.OrderBy(d => d.Path, StringComparer.Ordinal)], scope.LeftAlone, [.. entries.Select(e => e.Path), Manifest.FileName, RootGitAttributes.FileName]);
    }

    /// <summary>One tenant's files against its folder: their manifest entries, and the differences (the
    /// files of the folder it does not produce included). Reads only, so that tenants compare in parallel.</summary>
    private static (List<ManifestEntry> Entries, List<Difference> Differences) CompareTenant(string root, GeneratedTenant tenant, FolderScope scope, IReadOnlyDictionary<string, OwnedFile> owned, Signing.ScriptSigner? signer)
    {
        var entries = new List<ManifestEntry>();
        var differences = new List<Difference>();
        var produced = new HashSet<string>(StringComparer.Ordinal);
        var present = PresentFiles.Of(root, tenant.Name, scope.Previous.Entries);
        foreach (var artifact in tenant.Artifacts)
        {
            var full = Resolve(root, artifact.Path);
            var actual = present.Contains(artifact.Path) || (present.FolderExists && File.Exists(full)) ? ReadAll(full, artifact.Bytes.Length) : (ReadOnlyMemory<byte>?)null;
            var kept = actual is { } bytes ? SignedScripts.Kept(artifact, bytes.Span, owned.GetValueOrDefault(artifact.Path), signer) : null;
            var entry = scope.Shared((kept ?? artifact).ToManifestEntry());
            entries.Add(entry);
            produced.Add(entry.Path);
            if (kept is not null)
            {
                continue;
            }

            if (actual is { } onDisk && SameContent(artifact, onDisk.Span))
            {
                // Only the signature block differs: a text diff would show base64; say what differs.
                var edited = owned.TryGetValue(artifact.Path, out var known) && !known.Holds(onDisk.Span);
                differences.Add(new Difference(artifact.Path, edited ? DifferenceKind.Edited : DifferenceKind.Changed, SignedScripts.SignatureDifference(onDisk.Span, signer)));
            }
            else if (Differ(new OutputFile(artifact.Path, artifact.Bytes, artifact.Format), actual, owned) is { } difference)
            {
                differences.Add(difference);
            }
        }

        differences.AddRange(present.Unlisted.Where(p => !owned.ContainsKey(p) && !produced.Contains(p)).Select(p => new Difference(p, DifferenceKind.Stray, null)));
        return (entries, differences);
    }

    /// <summary>Whether a script on disk differs from what generate writes only in its signature block.</summary>
    private static bool SameContent(GeneratedArtifact artifact, ReadOnlySpan<byte> onDisk) =>
        Signing.AuthenticodeScript.Applies(artifact.Path)
        && onDisk[..Signing.AuthenticodeScript.ContentLength(onDisk)].SequenceEqual(artifact.Bytes.AsSpan(0, Signing.AuthenticodeScript.ContentLength(artifact.Bytes)));

    /// <param name="onDisk">The file's bytes on disk; null when it is not there.</param>
    private static Difference? Differ(OutputFile file, ReadOnlyMemory<byte>? onDisk, IReadOnlyDictionary<string, OwnedFile> owned)
    {
        if (onDisk is not { Span: var actual })
        {
            return new Difference(file.Path, DifferenceKind.Missing, null);
        }

        if (actual.SequenceEqual(file.Bytes))
        {
            return null;
        }

        var edited = owned.TryGetValue(file.Path, out var known) && !known.Holds(actual);
        // The headers say which side is which (a/ and b/ alone would not); after a tab, where patch and
        // diff viewers expect a label after the file name, so they still read the path.
        var diff = UnidiffRenderer.GenerateUnidiff(file.Format.Decode(actual), file.Format.Decode(file.Bytes), $"{file.Path}\t(on disk)", $"{file.Path}\t(what generate would write)", ignoreWhitespace: false);
        return new Difference(file.Path, edited ? DifferenceKind.Edited : DifferenceKind.Changed, string.IsNullOrEmpty(diff) ? "(the bytes differ: encoding, byte order mark or line endings)" : diff);
    }

    /// <summary>The files in a tenant's folder. Those the previous manifest lists are a bit each, by
    /// the index of their entry (one tenant of 10,000 domains is 20,000 of them: as paths, about 3 MB
    /// more at the run's peak, issue 14); the others (new, stray, or a hand-edited manifest's) by path,
    /// '/'-separated and relative to the output folder.</summary>
    private sealed class PresentFiles
    {
        private readonly IReadOnlyList<ManifestEntry> _entries;
        private readonly BitArray _listed;

        private PresentFiles(IReadOnlyList<ManifestEntry> entries)
        {
            _entries = entries;
            _listed = new BitArray(entries.Count);
        }

        /// <summary>Whether the tenant's folder exists: when it does not, no file below it can.</summary>
        public bool FolderExists { get; private set; }

        /// <summary>The files not in the previous manifest's entries.</summary>
        public HashSet<string> Unlisted { get; } = new(StringComparer.Ordinal);

        public static PresentFiles Of(string root, string tenant, IReadOnlyList<ManifestEntry> entries)
        {
            var files = new PresentFiles(entries);
            var folder = Path.Join(root, tenant);
            files.FolderExists = Directory.Exists(folder);
            if (files.FolderExists)
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
                {
                    var path = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                    if (OwnedFiles.IndexOf(entries, path) is var index and >= 0)
                    {
                        files._listed[index] = true;
                    }
                    else
                    {
                        files.Unlisted.Add(path);
                    }
                }
            }

            return files;
        }

        /// <remarks>In a manifest out of order (edited by hand) the binary search may miss a listed path;
        /// it misses it the same way each time, and the path is then in <see cref="Unlisted"/>.</remarks>
        public bool Contains(string path) =>
            OwnedFiles.IndexOf(_entries, path) is var index and >= 0 ? _listed[index] : Unlisted.Contains(path);
    }
}
