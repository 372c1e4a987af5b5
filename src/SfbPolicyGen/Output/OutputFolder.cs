using DiffPlex.Renderer;

namespace SfbPolicyGen.Output;

/// <param name="Kept">Files of the previous manifest that generate no longer produces but did not
/// remove, because their bytes are no longer those it wrote (edited since, or a hand-edited manifest).</param>
public sealed record WriteSummary(int Written, int Unchanged, int Removed, IReadOnlyList<string> Kept);

public enum DifferenceKind
{
    Missing,
    Changed,
    Extra,
}

public sealed record Difference(string Path, DifferenceKind Kind, string? UnifiedDiff);

/// <summary>The only code that touches the output folder, in an order that a kill at any moment
/// cannot turn into a half-written folder:
/// 1. lock the folder (one writer at a time, <see cref="OutputLock"/>);
/// 2. check everything before changing anything: --out is a folder, no path goes through a symbolic
///    link, no file in the way was written by someone else;
/// 3. stage the changed files in .sfbpolicygen-staging (flushed to disk);
/// 4. replace the manifest by a journal naming the old and new hash of each file that will change, and
///    the files that will be removed (written to a temporary file, then renamed: atomic);
/// 5. rename each staged file into place (atomic per file);
/// 6. remove the files of the previous manifest no longer produced, and only those whose bytes are
///    still the ones generate wrote;
/// 7. write the final manifest (temporary file, rename), remove the staging folder.
/// A run killed at any step leaves every file as its old or new version, listed by the manifest or
/// journal; the next run finishes the work. Nothing outside the folder is written.</summary>
public static class OutputFolder
{
    public const string StagingName = ".sfbpolicygen-staging";

    /// <summary>How long generate waits for another run writing the same folder.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    public static WriteSummary Write(string outDirectory, GeneratedTree tree, Action? onWait = null, TimeSpan? lockTimeout = null)
    {
        if (File.Exists(outDirectory))
        {
            throw new IOException($"the output folder '{outDirectory}' is a file; give --out a folder");
        }

        Directory.CreateDirectory(outDirectory);
        using var writerLock = OutputLock.Acquire(outDirectory, lockTimeout ?? LockTimeout, onWait);
        var previous = Manifest.Read(outDirectory).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var produced = tree.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var manifestPath = Resolve(outDirectory, Writers.ArtifactPaths.Manifest);
        var staging = Resolve(outDirectory, StagingName);

        // 2. Every check first: nothing changes unless every file can be written.
        foreach (var path in produced.Keys.Concat(previous.Keys).Append(Writers.ArtifactPaths.Manifest).Append(StagingName))
        {
            RefuseLinks(outDirectory, path);
        }

        var changes = new List<(ManifestEntry Entry, string Final, byte[] Bytes, string? OldHash)>();
        var unchanged = 0;
        foreach (var file in tree.Files.Where(f => f.Path != Writers.ArtifactPaths.Manifest))
        {
            var entry = produced[file.Path];
            var final = Resolve(outDirectory, file.Path);
            var oldHash = File.Exists(final) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(final))) : null;
            if (oldHash == entry.Sha256)
            {
                unchanged++;
                continue;
            }

            if (oldHash is not null && !previous.ContainsKey(file.Path))
            {
                throw new IOException($"{final} exists and was not written by sfbpolicygen (it is not in {Writers.ArtifactPaths.Manifest}); move it away, or delete it, and run generate again");
            }

            changes.Add((entry, final, file.Bytes, oldHash));
        }

        var stale = previous.Values.Where(f => !produced.ContainsKey(f.Path)).ToList();
        var newManifest = tree.Files.Single(f => f.Path == Writers.ArtifactPaths.Manifest).Bytes;
        if (changes.Count == 0 && stale.Count == 0 && File.Exists(manifestPath) && File.ReadAllBytes(manifestPath).AsSpan().SequenceEqual(newManifest))
        {
            return new WriteSummary(0, unchanged + 1, 0, []);
        }

        // 3. Stage.
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        var staged = new List<(string Staged, string Final)>();
        foreach (var change in changes)
        {
            var path = Path.Combine(staging, staged.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteFlushed(path, change.Bytes);
            staged.Add((path, change.Final));
        }

        // 4. Journal.
        var previousHashes = changes.Where(c => c.OldHash is not null).ToDictionary(c => c.Entry.Path, c => c.OldHash!, StringComparer.Ordinal);
        ReplaceAtomically(manifestPath, Manifest.SerializeJournal(tree.Entries, previousHashes, stale), staging);
        // Test seam for CrashSafetyTests only: SFB_TEST_HOLD_AFTER_JOURNAL_MS holds the run here, journal in place, so that a kill can be aimed at this window (unset: no wait).
        Thread.Sleep(int.TryParse(Environment.GetEnvironmentVariable("SFB_TEST_HOLD_AFTER_JOURNAL_MS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var holdMs) ? holdMs : 0);

        // 5. Move into place.
        foreach (var (stagedPath, final) in staged)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(stagedPath, final, overwrite: true);
        }

        // 6. Remove what is no longer produced, if it is still what generate wrote.
        var removed = 0;
        var kept = new List<string>();
        foreach (var file in stale)
        {
            var full = Resolve(outDirectory, file.Path);
            if (!File.Exists(full))
            {
                continue;
            }

            if (!file.Sha256s.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(full)))))
            {
                kept.Add(file.Path);
                continue;
            }

            File.Delete(full);
            removed++;
            PruneEmptyParents(outDirectory, full);
        }

        // 7. The manifest, then clean up.
        ReplaceAtomically(manifestPath, newManifest, staging);
        Directory.Delete(staging, recursive: true);
        return new WriteSummary(changes.Count + 1, unchanged, removed, kept);
    }

    /// <summary>What <see cref="Write"/> would change, without writing: missing, changed (with a
    /// unified diff of the decoded text) and extra files (in the folder's manifest, no longer produced).</summary>
    public static IReadOnlyList<Difference> Compare(string outDirectory, GeneratedTree tree)
    {
        var differences = new List<Difference>();
        foreach (var file in tree.Files)
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
                var diff = UnidiffRenderer.GenerateUnidiff(file.Format.Decode(actual), file.Format.Decode(file.Bytes), $"a/{file.Path}", $"b/{file.Path}", ignoreWhitespace: false);
                differences.Add(new Difference(file.Path, DifferenceKind.Changed, string.IsNullOrEmpty(diff) ? "(the bytes differ: encoding, byte order mark or line endings)" : diff));
            }
        }

        var produced = tree.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        if (Directory.Exists(outDirectory))
        {
            foreach (var stale in Manifest.ReadPaths(outDirectory).Where(p => !produced.Contains(p) && File.Exists(Resolve(outDirectory, p))))
            {
                differences.Add(new Difference(stale, DifferenceKind.Extra, null));
            }
        }

        return [.. differences.OrderBy(d => d.Path, StringComparer.Ordinal)];
    }

    /// <summary>A manifest path to a full path inside the folder; anything that would leave it is refused.</summary>
    internal static string Resolve(string outDirectory, string relative)
    {
        var root = Path.GetFullPath(outDirectory);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (Path.IsPathRooted(relative) || relative.Contains('\\', StringComparison.Ordinal) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the path '{relative}' leaves the output folder");
        }

        return full;
    }

    /// <summary>Refuses a path inside the folder that goes through a symbolic link (a folder or the
    /// file itself): generate neither writes nor deletes through links, wherever they point.</summary>
    private static void RefuseLinks(string outDirectory, string relative)
    {
        var root = Path.GetFullPath(outDirectory);
        var current = root;
        foreach (var part in relative.Split('/'))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current) || info.LinkTarget is not null)
            {
                if (info.LinkTarget is not null)
                {
                    throw new IOException($"{current} is a symbolic link (to {info.LinkTarget}); sfbpolicygen does not write or delete through links: replace it with a real folder or file");
                }
            }
            else
            {
                return; // nothing below a missing component can be a link
            }
        }
    }

    private static void WriteFlushed(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Writes a temporary file in the staging folder, then renames it over the target.</summary>
    private static void ReplaceAtomically(string target, byte[] bytes, string staging)
    {
        var temporary = Path.Combine(staging, "manifest.tmp");
        if (File.Exists(temporary))
        {
            File.Delete(temporary);
        }

        WriteFlushed(temporary, bytes);
        File.Move(temporary, target, overwrite: true);
    }

    private static void PruneEmptyParents(string outDirectory, string removedFile)
    {
        var root = Path.GetFullPath(outDirectory);
        for (var dir = Path.GetDirectoryName(removedFile); dir is not null && dir.Length > root.Length && !Directory.EnumerateFileSystemEntries(dir).Any(); dir = Path.GetDirectoryName(dir))
        {
            Directory.Delete(dir);
        }
    }
}
