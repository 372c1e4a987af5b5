using System.Security.Cryptography;

namespace SfbPolicyGen.Output;

/// <param name="Kept">Files of the previous manifest that generate no longer produces but did not
/// remove, because their bytes are no longer those it wrote (edited since, or a hand-edited manifest).</param>
/// <param name="LeftAlone">Tenants of the folder this run did not touch (no --prune).</param>
/// <param name="Pruned">Tenants of the folder whose files --prune removed.</param>
public sealed record WriteSummary(int Written, int Unchanged, int Removed, IReadOnlyList<string> Kept, IReadOnlyList<string> LeftAlone, IReadOnlyList<string> Pruned);

/// <summary>The only code that writes the output folder, in an order that a kill at any moment
/// cannot turn into a half-written folder:
/// 1. lock the folder (one writer at a time, <see cref="OutputLock"/>);
/// 2. check everything before changing anything: --out is a folder, no path goes through a symbolic
///    link, no file in the way was written by someone else (all of them listed), every folder a file
///    goes to or leaves can be written, no file is where a folder goes;
/// 3. stage the changed files in .sfbpolicygen-staging (flushed to disk);
/// 4. replace the manifest by a journal naming the old and new hash of each file that will change, and
///    the files that will be removed (written to a temporary file, then renamed: atomic);
/// 5. rename each staged file into place (atomic per file);
/// 6. remove the files of the previous manifest no longer produced, and only those whose bytes are
///    still the ones generate wrote;
/// 7. write the final manifest (temporary file, rename), remove the staging folder.
/// A run killed at any step leaves every file as its old or new version, listed by the manifest or
/// journal; the next run finishes the work. A run touches only the tenants in its scope
/// (<see cref="FolderScope"/>). Nothing outside the folder is written.</summary>
public static partial class OutputFolder
{
    public const string StagingName = ".sfbpolicygen-staging";

    /// <summary>How many paths an error lists before it says how many more there are.</summary>
    private const int ListedInErrors = 20;

    /// <summary>How long generate waits for another run writing the same folder.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    /// <param name="prune">Remove the files of the tenants the manifest lists that this run does not have.</param>
    public static WriteSummary Write(string outDirectory, GeneratedTree tree, bool prune = false, Action? onWait = null, TimeSpan? lockTimeout = null)
    {
        if (File.Exists(outDirectory))
        {
            throw new IOException($"the output folder '{outDirectory}' is a file; give --out a folder");
        }

        try
        {
            Directory.CreateDirectory(outDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create the output folder '{outDirectory}': {ex.Message}", ex);
        }

        using var writerLock = OutputLock.Acquire(outDirectory, lockTimeout ?? LockTimeout, onWait);
        var scope = new FolderScope(Manifest.Load(outDirectory), tree, prune);
        if (scope.InterruptedOutOfScope is { Count: > 0 } interrupted)
        {
            throw new IOException($"the last run into {outDirectory} stopped while writing tenant(s) {Listed(interrupted)}; "
                + "run generate with their policy files too (or all of them) to complete it first");
        }

        var previous = scope.OwnedInScope.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var produced = tree.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var manifestPath = Resolve(outDirectory, Manifest.FileName);
        var staging = Resolve(outDirectory, StagingName);

        // 2. Every check first: nothing changes unless every file can be written.
        foreach (var path in produced.Keys.Concat(previous.Keys).Append(Manifest.FileName).Append(StagingName))
        {
            RefuseLinks(outDirectory, path);
        }

        var changes = new List<(ManifestEntry Entry, string Final, byte[] Bytes, string? OldHash)>();
        var foreign = new List<string>();
        var unchanged = 0;
        foreach (var artifact in tree.Artifacts)
        {
            var final = Resolve(outDirectory, artifact.Path);
            var oldHash = File.Exists(final) ? Sha256Of(final) : null;
            if (oldHash == artifact.Sha256)
            {
                unchanged++;
                continue;
            }

            if (oldHash is not null && !previous.ContainsKey(artifact.Path))
            {
                foreign.Add(final);
            }

            changes.Add((produced[artifact.Path], final, artifact.Bytes, oldHash));
        }

        if (foreign.Count > 0)
        {
            throw new IOException($"{foreign.Count} file(s) in {outDirectory} were not written by sfbpolicygen (they are not in {Manifest.FileName}) "
                + $"and are where it writes: {Listed(foreign)}; move them away, or delete them, and run generate again");
        }

        var stale = previous.Values.Where(f => !produced.ContainsKey(f.Path)).ToList();
        var newManifest = scope.Manifest;
        if (changes.Count == 0 && stale.Count == 0 && File.Exists(manifestPath) && File.ReadAllBytes(manifestPath).AsSpan().SequenceEqual(newManifest))
        {
            // A run killed after its manifest and before its clean-up leaves only the staging folder.
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            return new WriteSummary(0, unchanged + 1, 0, [], scope.LeftAlone, scope.Pruned);
        }

        RefuseUnwritableFolders(outDirectory, changes.Select(c => c.Final).Concat(stale.Select(f => Resolve(outDirectory, f.Path))).Append(manifestPath));

        // 3. Stage.
        try
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            Directory.CreateDirectory(staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write into {outDirectory}: {ex.Message.Replace(staging, outDirectory, StringComparison.Ordinal)}", ex);
        }

        var staged = new List<(string Staged, string Final, string Tenant)>();
        foreach (var change in changes)
        {
            var path = Path.Combine(staging, staged.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteFlushed(path, change.Bytes);
            staged.Add((path, change.Final, change.Entry.Tenant));
        }

        // 4. Journal.
        var previousHashes = changes.Where(c => c.OldHash is not null).ToDictionary(c => c.Entry.Path, c => c.OldHash!, StringComparer.Ordinal);
        ReplaceAtomically(manifestPath, Manifest.SerializeJournal(scope.Entries, scope.Facts, previousHashes, stale), staging);
        HoldAfterJournalForCrashTests();

        // 5 and 6. Move into place, then remove what is no longer produced if it is still what
        // generate wrote. A failure now leaves a journal that the next run completes.
        var removed = 0;
        var kept = new List<string>();
        string? tenantBeingWritten = null;
        try
        {
            foreach (var (stagedPath, final, tenant) in staged)
            {
                tenantBeingWritten = tenant;
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                File.Move(stagedPath, final, overwrite: true);
            }

            foreach (var file in stale)
            {
                tenantBeingWritten = file.Tenant;
                var full = Resolve(outDirectory, file.Path);
                if (!File.Exists(full))
                {
                    continue;
                }

                if (!file.Sha256s.Contains(Sha256Of(full)))
                {
                    kept.Add(file.Path);
                    continue;
                }

                File.Delete(full);
                removed++;
                PruneEmptyParents(outDirectory, full);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{Path.Combine(outDirectory, tenantBeingWritten ?? "")} is partly updated ({ex.Message.Replace(staging, outDirectory, StringComparison.Ordinal)}); "
                + "once the cause is fixed, run generate again to complete it", ex);
        }

        // 7. The manifest, then clean up.
        ReplaceAtomically(manifestPath, newManifest, staging);
        Directory.Delete(staging, recursive: true);
        return new WriteSummary(changes.Count + 1, unchanged, removed, kept, scope.LeftAlone, scope.Pruned);
    }

    /// <summary>Test seam for CrashSafetyTests only: SFB_TEST_HOLD_AFTER_JOURNAL_MS holds the run here,
    /// journal in place, so that a kill can be aimed at this window (unset: no wait).</summary>
    private static void HoldAfterJournalForCrashTests()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("SFB_TEST_HOLD_AFTER_JOURNAL_MS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds))
        {
            Thread.Sleep(milliseconds);
        }
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

    internal static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>"a, b, c and 3 more".</summary>
    private static string Listed(IReadOnlyList<string> items) =>
        items.Count <= ListedInErrors ? string.Join(", ", items) : $"{string.Join(", ", items.Take(ListedInErrors))} and {items.Count - ListedInErrors} more";

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

    /// <summary>Before the first file moves: no file is where a folder must go, and every folder a
    /// file is written to or removed from (or, when it does not exist yet, the folder it will be
    /// created in) accepts a new file (<see cref="FolderAccess"/>), once per folder.</summary>
    private static void RefuseUnwritableFolders(string outDirectory, IEnumerable<string> files)
    {
        var root = Path.GetFullPath(outDirectory);
        var problems = new List<string>();
        var checkedFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in files.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal))
        {
            var existing = folder;
            while (!Directory.Exists(existing))
            {
                if (File.Exists(existing))
                {
                    problems.Add($"{existing} is a file where a folder must be");
                    break;
                }

                existing = Path.GetDirectoryName(existing)!;
            }

            if (Directory.Exists(existing) && existing.Length >= root.Length && checkedFolders.Add(existing) && FolderAccess.WhyNotWritable(existing) is { } why)
            {
                problems.Add($"{existing} cannot be written ({why})");
            }
        }

        if (problems.Count > 0)
        {
            throw new IOException($"nothing was changed in {outDirectory}: {Listed(problems)}");
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
