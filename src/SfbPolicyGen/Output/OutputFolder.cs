using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Plan;

namespace SfbPolicyGen.Output;

/// <param name="Kept">Files of the previous manifest that generate no longer produces but did not
/// remove, because their bytes are no longer those it wrote (edited since, or a hand-edited manifest).</param>
/// <param name="Overwritten">Files generate wrote before and replaced now although their bytes were no
/// longer those it wrote (edited by hand since): replaced all the same, as generate is asked to, but named.</param>
/// <param name="LeftAlone">Tenants of the folder this run did not touch (no --prune).</param>
/// <param name="Pruned">Tenants of the folder whose files --prune removed.</param>
/// <param name="Artifacts">The run's artifacts, as the manifest lists them.</param>
public sealed record WriteSummary(int Written, int Unchanged, int Removed, IReadOnlyList<string> Kept, IReadOnlyList<string> Overwritten, IReadOnlyList<string> LeftAlone, IReadOnlyList<string> Pruned, IReadOnlyList<ManifestEntry> Artifacts);

/// <summary>How generate writes.</summary>
/// <param name="Prune">Remove the files of the tenants the manifest lists that this run does not have.</param>
/// <param name="Force">Write even when a tenant removes more than its safety thresholds allow
/// (<see cref="RemovalThresholds"/>).</param>
/// <param name="Plan">A plan saved by plan --save: write only when this run's checksum is the plan's
/// (<see cref="RunChecksum"/>).</param>
/// <param name="OnWait">Called when another run holds the output lock, before waiting for it.</param>
/// <param name="LockTimeout">How long to wait for it (default <see cref="OutputFolder.LockTimeout"/>).</param>
/// <param name="Hooks">What tests do at the stage's critical moments (default: nothing, <see cref="IOutputStageHooks.None"/>).</param>
/// <param name="Stop">Ctrl-C: honoured until the journal is written (the run then stops with
/// <see cref="OperationCanceledException"/>, its staging folder removed, nothing changed); after it, the
/// run finishes its renames, which take a moment, rather than leave a journal for the next run.</param>
public sealed record WriteOptions(bool Prune = false, bool Force = false, SavedPlan? Plan = null, Action? OnWait = null, TimeSpan? LockTimeout = null, IOutputStageHooks? Hooks = null, CancellationToken Stop = default);

/// <summary>The only code that writes the output folder, in an order that a kill at any moment
/// cannot turn into a half-written folder:
/// 1. lock the folder (one writer at a time, <see cref="OutputLock"/>), read its manifest once, and refuse
///    a tenant that removes more than its safety thresholds allow, unless --force
///    (<see cref="RemovalThresholds"/>);
/// 2. tenant by tenant as they are rendered (<see cref="GeneratedTree.Render"/>): compare each file
///    with the disk and stage the changed ones in .sfbpolicygen-staging, so memory holds a few tenants,
///    never the whole output; nothing outside the staging folder changes yet;
/// 3. check everything before changing anything: no path goes through a symbolic link, no file in the
///    way was written by someone else (all of them listed), every folder a file goes to or leaves can be
///    written, no file is where a folder goes (nor a folder where a file goes); otherwise the staging
///    folder is removed and nothing has changed (so too on Ctrl-C, <see cref="WriteOptions.Stop"/>); with --plan, the run's checksum must be the saved plan's
///    (<see cref="RunChecksum"/>), or likewise nothing has changed;
/// 4. replace the manifest by a journal naming the old and new hash of each file that will change, and
///    the files that will be removed (written to a temporary file, then renamed: atomic), once the
///    staged files and the journal are on disk (<see cref="Durability"/>);
/// 5. rename each staged file into place (atomic per file), creating each new folder once;
/// 6. remove the files of the previous manifest no longer produced, and only those whose bytes are
///    still the ones generate wrote;
/// 7. once the moves are on disk, write the final manifest (temporary file, rename), remove the staging folder.
/// A run killed at any step leaves every file as its old or new version, listed by the manifest or
/// journal; the next run finishes the work. A run touches only the tenants in its scope
/// (<see cref="FolderScope"/>). Nothing outside the folder is written. Each file on disk is read at
/// most once, and only when its size does not already say it differs from what this run writes, or
/// when its hash must go into the journal.</summary>
public static partial class OutputFolder
{
    public const string StagingName = ".sfbpolicygen-staging";

    /// <summary>How many paths an error lists before it says how many more there are.</summary>
    private const int ListedInErrors = 20;

    /// <summary>How long generate waits for another run writing the same folder.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A file that will change: where it goes, its tenant, where it is staged, and the hash of
    /// the file it replaces (null when there is none).</summary>
    private readonly record struct Change(string Path, string Tenant, int Staged, Sha256Hash? OldHash);

    /// <exception cref="GenerationFailedException">A template failed, a tenant removes too much, or the run is
    /// not the one the saved plan reviewed; nothing was changed.</exception>
    public static WriteSummary Write(string outDirectory, GeneratedTree tree, WriteOptions? options = null)
    {
        options ??= new WriteOptions();
        // File.Exists is true of a dangling link itself (.NET falls back to lstat): tell it apart.
        if (new FileInfo(outDirectory) is { LinkTarget: { } target } link && link.ResolveLinkTarget(returnFinalTarget: true) is { } end && !Path.Exists(end.FullName))
        {
            throw new IOException($"the output folder '{outDirectory}' is a dangling link (to '{target}', which does not exist); create its target, or give --out a folder");
        }

        if (File.Exists(outDirectory))
        {
            throw new IOException($"the output folder '{outDirectory}' is a file; give --out a folder");
        }

        var createdOut = !Directory.Exists(outDirectory);
        try
        {
            Directory.CreateDirectory(outDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create the output folder '{outDirectory}': {ex.Message}", ex);
        }

        using var writerLock = OutputLock.Acquire(outDirectory, options.LockTimeout ?? LockTimeout, options.OnWait);
        var scope = new FolderScope(Manifest.Load(outDirectory), tree.Tenants, options.Prune);
        var previousFacts = Planner.PreviousFacts(outDirectory, scope.Previous);
        tree = tree.After(scope, previousFacts);
        if (scope.InterruptedOutOfScope is { Count: > 0 } interrupted)
        {
            throw new IOException($"the last run into {outDirectory} stopped while writing tenant(s) {Listed(interrupted)}; "
                + "run generate with their policy files too (or all of them) to complete it first");
        }

        if (!options.Force)
        {
            RemovalThresholds.Enforce(tree, previousFacts);
        }

        var previous = scope.OwnedInScope;
        var view = new FolderView(outDirectory);
        var staging = new StagingFolder(view, outDirectory);
        view.File(Manifest.FileName); // each refuses a link before anything is staged
        view.Folder(StagingName);

        // 2 and 3. Stage, then check; on any failure the staging folder goes and nothing has changed.
        var entries = new List<ManifestEntry>();
        var changes = new List<Change>();
        var overwritten = new List<string>();
        var unchanged = 0;
        List<OwnedFile> stale;
        Dictionary<string, PathState> staleOnDisk;
        (IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<TenantFacts> Facts) after;
        try
        {
            var foreign = new List<string>();
            var problems = new List<string>();
            foreach (var tenant in tree.Render())
            {
                options.Stop.ThrowIfCancellationRequested();
                foreach (var artifact in tenant.Artifacts)
                {
                    entries.Add(scope.Shared(artifact.ToManifestEntry()));
                    var onDisk = view.File(artifact.Path);
                    Sha256Hash? oldHash = null;
                    var owned = previous.ContainsKey(artifact.Path);
                    if (onDisk.Kind == EntryKind.Folder)
                    {
                        problems.Add($"{view.Full(artifact.Path)} is a folder where a file must be");
                        continue;
                    }

                    // A file of another size differs, and one not in the manifest is in the way
                    // whatever its bytes; otherwise read it, once: to compare, and for the journal.
                    if (onDisk.Kind == EntryKind.File && (owned || onDisk.Length == artifact.Bytes.Length))
                    {
                        var bytes = view.Read(artifact.Path, onDisk.Length);
                        if (bytes.Span.SequenceEqual(artifact.Bytes))
                        {
                            unchanged++;
                            continue;
                        }

                        oldHash = Sha256Hash.Of(bytes.Span);
                        if (owned && !previous[artifact.Path].Holds(bytes.Span))
                        {
                            overwritten.Add(artifact.Path);
                        }
                    }

                    if (onDisk.Kind == EntryKind.File && !owned)
                    {
                        foreign.Add(view.Full(artifact.Path));
                        continue;
                    }

                    changes.Add(new Change(artifact.Path, tenant.Name, staging.Add(artifact.Bytes), oldHash));
                }
            }

            if (foreign.Count > 0)
            {
                throw new IOException($"{foreign.Count} file(s) in {outDirectory} were not written by sfbpolicygen (they are not in {Manifest.FileName}) "
                    + $"and are where it writes: {Listed(foreign)}; move them away, or delete them, and run generate again");
            }

            stale = scope.NoLongerProduced(entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal));
            staleOnDisk = stale.ToDictionary(f => f.Path, f => view.File(f.Path), StringComparer.Ordinal); // refuses links too
            after = scope.After(entries, tree.Facts);
            if (options.Plan is { } plan)
            {
                // The stale files are read here for their hashes, and again, each, just before it is removed.
                var checksum = RunChecksum.Of(
                    scope.Previous.Sha256,
                    Manifest.Sha256Of(after.Entries, after.Facts),
                    changes.Select(c => (c.Path, c.OldHash)),
                    stale.Select(f => (f.Path, staleOnDisk[f.Path] is { Kind: EntryKind.File } file ? Sha256Hash.Of(view.Read(f.Path, file.Length).Span) : (Sha256Hash?)null)));
                var diagnostics = new DiagnosticBag();
                plan.Verify(checksum, diagnostics);
                if (diagnostics.HasErrors)
                {
                    throw new GenerationFailedException(diagnostics);
                }
            }

            if (changes.Count == 0 && stale.Count == 0 && IsManifest(scope.Previous, after) && HasRootGitAttributes(view))
            {
                // A run killed after its manifest and before its clean-up leaves only the staging folder.
                staging.Remove();
                return new WriteSummary(0, unchanged + 1, 0, [], [], scope.LeftAlone, scope.Pruned, entries);
            }

            RefuseUnwritableFolders(outDirectory, view, [.. changes.Select(c => c.Path), .. stale.Select(f => f.Path), Manifest.FileName], problems);
            options.Stop.ThrowIfCancellationRequested();
        }
        catch
        {
            staging.Discard();
            if (createdOut)
            {
                RemoveIfEmpty(view.Root);
            }

            throw;
        }

        // 4. Journal, once the staged files and the journal itself are on disk.
        var previousHashes = changes.Where(c => c.OldHash is not null).ToDictionary(c => c.Path, c => c.OldHash!.Value, StringComparer.Ordinal);
        ReplaceManifest(view, staging, stream => Manifest.WriteJournal(stream, after.Entries, after.Facts, previousHashes, stale), []);
        (options.Hooks ?? IOutputStageHooks.None).AfterJournal();

        // 5 and 6. Move into place, then remove what is no longer produced if it is still what
        // generate wrote. A failure now leaves a journal that the next run completes.
        var removed = 0;
        var kept = new List<string>();
        var changedFolders = new HashSet<string>(StringComparer.Ordinal) { "" };
        string? tenantBeingWritten = null;
        try
        {
            foreach (var change in changes)
            {
                tenantBeingWritten = change.Tenant;
                view.MoveInto(staging.PathOf(change.Staged), change.Path);
                changedFolders.Add(FolderView.FolderOf(change.Path));
            }

            foreach (var file in stale)
            {
                tenantBeingWritten = file.Tenant;
                if (staleOnDisk[file.Path] is not { Kind: EntryKind.File } onDisk)
                {
                    continue;
                }

                var full = view.Full(file.Path);
                if (!file.Holds(view.Read(file.Path, onDisk.Length).Span))
                {
                    kept.Add(file.Path);
                    continue;
                }

                File.Delete(full);
                removed++;
                changedFolders.Add(PruneEmptyParents(view, file.Path));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{Path.Combine(outDirectory, tenantBeingWritten ?? "")} is partly updated ({ex.Message.Replace(staging.FullPath, outDirectory, StringComparison.Ordinal)}); "
                + "once the cause is fixed, run generate again to complete it", ex);
        }

        // 7. The root .gitattributes (constant bytes: a run killed before it is written writes it next
        // time), the manifest once the moves are on disk, then clean up.
        var written = changes.Count + 1;
        if (!HasRootGitAttributes(view))
        {
            view.MoveInto(staging.PathOf(staging.Add(RootGitAttributes.Bytes)), RootGitAttributes.FileName);
            written++;
        }

        changedFolders.UnionWith(view.Created.Select(FolderView.FolderOf));
        ReplaceManifest(view, staging, stream => Manifest.Write(stream, after.Entries, after.Facts), [.. changedFolders.Select(f => f.Length == 0 ? view.Root : view.Full(f)), staging.FullPath]);
        staging.Remove();
        return new WriteSummary(written, unchanged, removed, kept, overwritten, scope.LeftAlone, scope.Pruned, entries);
    }

    /// <summary>Replaces manifest.json (the journal, then the final manifest) by a file staged whole, once
    /// it and everything the run wrote before it are on disk: the staged files, and the folders whose
    /// entries changed (<paramref name="changedFolders"/>, full paths). Then the rename itself is made
    /// durable (<see cref="Durability"/>).</summary>
    private static void ReplaceManifest(FolderView view, StagingFolder staging, Action<Stream> write, IReadOnlyList<string> changedFolders)
    {
        var staged = staging.Temporary(write);
        Durability.Batch(view.Root, changedFolders);
        File.Move(staged, view.Full(Manifest.FileName), overwrite: true);
        Durability.Folder(view.Root);
    }

    /// <summary>Whether the manifest on disk is the one these entries and facts make (their SHA-256,
    /// <see cref="Manifest.Sha256Of"/>, computed only when there is a manifest to compare with).</summary>
    private static bool IsManifest(ManifestContent onDisk, (IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<TenantFacts> Facts) manifest) =>
        onDisk.Sha256 is { } sha256 && sha256 == Manifest.Sha256Of(manifest.Entries, manifest.Facts);

    /// <summary>Whether out/.gitattributes holds the bytes generate writes there.</summary>
    private static bool HasRootGitAttributes(FolderView view) =>
        view.File(RootGitAttributes.FileName) is { Kind: EntryKind.File, Length: var length } && length == RootGitAttributes.Bytes.Length
        && view.Read(RootGitAttributes.FileName, length).Span.SequenceEqual(RootGitAttributes.Bytes);

    /// <summary>A manifest path to a full path inside the folder; anything that would leave it is
    /// refused. Text only (the folder's full path is computed once by the caller): no system call.</summary>
    /// <param name="root">The output folder's full path.</param>
    internal static string Resolve(string root, string relative)
    {
        if (!StaysInside(relative) || Path.IsPathRooted(relative))
        {
            throw new InvalidDataException($"the path '{relative}' leaves the output folder");
        }

        return Path.Join(root, Path.DirectorySeparatorChar == '/' ? relative : relative.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Whether a manifest path stays inside the output folder, as text: relative (no leading
    /// '/'), '/'-separated (no '\\'), with no empty, '.' or '..' part. The one check of the manifest's paths
    /// (<see cref="Manifest.Load"/>) and of every path the output stage resolves; it allocates nothing,
    /// as it runs for every file.</summary>
    internal static bool StaysInside(ReadOnlySpan<char> relative)
    {
        if (relative.IsEmpty || relative.Contains('\\'))
        {
            return false;
        }

        foreach (var part in relative.Split('/'))
        {
            if (relative[part] is "" or "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A whole file, in one open and, when it is no longer than <paramref name="expectedLength"/>
    /// (the size the caller knows or expects), one read: a read of one byte more that comes back short
    /// has met the end of the file. File.ReadAllBytes asks the size first (a second fstat per file). The
    /// bytes read, not a copy cut to their length: every caller compares or hashes them.</summary>
    internal static ReadOnlyMemory<byte> ReadAll(string full, long expectedLength)
    {
        using var file = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.Read);
        var bytes = new byte[expectedLength + 1];
        var read = RandomAccess.Read(file, bytes, 0);
        if (read <= expectedLength)
        {
            return bytes.AsMemory(0, read);
        }

        // Longer than expected (check passes the size generate would write): the rest, from where the
        // first read stopped, on the same handle.
        var whole = new byte[RandomAccess.GetLength(file)];
        bytes.AsSpan(0, read).CopyTo(whole);
        while (read < whole.Length && RandomAccess.Read(file, whole.AsSpan(read), read) is var more and > 0)
        {
            read += more;
        }

        return whole.AsMemory(0, read);
    }

    /// <summary>"a, b, c and 3 more".</summary>
    private static string Listed(IReadOnlyList<string> items) =>
        items.Count <= ListedInErrors ? string.Join(", ", items) : $"{string.Join(", ", items.Take(ListedInErrors))} and {items.Count - ListedInErrors} more";

    /// <summary>Before the first file moves: no file is where a folder must go, and every folder a
    /// file is written to or removed from (or, when it does not exist yet, the folder it will be
    /// created in) accepts a new file (<see cref="FolderAccess"/>), once per folder.</summary>
    /// <param name="problems">Found while staging (a folder where a file must be); reported with these.</param>
    private static void RefuseUnwritableFolders(string outDirectory, FolderView view, IEnumerable<string> files, List<string> problems)
    {
        var checkedFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in files.Select(FolderView.FolderOf).Distinct(StringComparer.Ordinal))
        {
            var existing = folder;
            while (view.Folder(existing) != EntryKind.Folder)
            {
                if (view.Folder(existing) == EntryKind.File)
                {
                    problems.Add($"{view.Full(existing)} is a file where a folder must be");
                    break;
                }

                existing = FolderView.FolderOf(existing);
            }

            var full = existing.Length == 0 ? view.Root : view.Full(existing);
            if (view.Folder(existing) == EntryKind.Folder && checkedFolders.Add(existing) && FolderAccess.WhyNotWritable(full) is { } why)
            {
                problems.Add($"{full} cannot be written ({why})");
            }
        }

        if (problems.Count > 0)
        {
            throw new IOException($"nothing was changed in {outDirectory}: {Listed(problems)}");
        }
    }

    /// <summary>Removes the now empty folders above a removed file.</summary>
    /// <returns>The folder that lost an entry last (the removed file's, or the one above the last folder removed).</returns>
    private static string PruneEmptyParents(FolderView view, string removedFile)
    {
        var folder = FolderView.FolderOf(removedFile);
        while (folder.Length > 0 && !Directory.EnumerateFileSystemEntries(view.Full(folder)).Any())
        {
            Directory.Delete(view.Full(folder));
            view.Forget(folder);
            folder = FolderView.FolderOf(folder);
        }

        return folder;
    }

    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left as it is: the error being reported matters more than an empty folder.
        }
    }
}
