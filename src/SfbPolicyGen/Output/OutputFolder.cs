using System.Collections.Concurrent;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Plan;

namespace SfbPolicyGen.Output;

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
        var scope = new FolderScope(Manifest.Load(outDirectory, tree.Registry), tree.Tenants, options.Prune);
        var previousFacts = Planner.PreviousFacts(outDirectory, scope.Previous, tree.Registry);
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
        using var staging = new StagingFolder(view, outDirectory);
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
            // Each tenant's files are looked at and read on the core that rendered them (issue 25); this
            // thread stages what changed.
            foreach (var tenant in tree.Render(tenant => Probed(view.Root, tenant, previous, tree.Signer)))
            {
                options.Stop.ThrowIfCancellationRequested();
                foreach (var artifact in tenant.Artifacts)
                {
                    var entry = entries.Count;
                    entries.Add(scope.Shared(artifact.ToManifestEntry()));
                    var onDisk = view.File(artifact.Path, artifact.Probe?.State);
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
                        // The rendering thread's probe read it; a large tenant's file is read here.
                        var probe = artifact.Probe ?? Compared(onDisk, artifact, view.Read(artifact.Path, onDisk.Length).Span, owned ? previous[artifact.Path] : null, tree.Signer);
                        if (probe.Kept is { } keptAs)
                        {
                            // The file holds the artifact (or its signed copy): the manifest records its bytes.
                            entries[entry] = scope.Shared(keptAs.ToManifestEntry());
                            unchanged++;
                            continue;
                        }

                        oldHash = probe.OldHash;
                        if (probe.Edited)
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
                    Manifest.Sha256Of(after.Entries.Select(e => e.Reviewed), after.Facts),
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

        // The root .gitattributes is staged now (constant bytes: a run killed before it is moved writes it
        // next time), and the final manifest, which the moves do not change, is written into the staging
        // folder on another core while they run (issue 25: on one thread after the moves, it was a fifth
        // of a fresh generate's last second).
        var written = changes.Count + 1;
        int? attributes = HasRootGitAttributes(view) ? null : staging.Add(RootGitAttributes.Bytes);
        var finalManifest = staging.TemporaryOnTheSide(stream => Manifest.Write(stream, after.Entries, after.Facts));

        // 5 and 6. Move into place, then remove what is no longer produced if it is still what
        // generate wrote. A failure now leaves a journal that the next run completes.
        var removed = 0;
        var kept = new List<string>();
        var changedFolders = new HashSet<string>(StringComparer.Ordinal) { "" };
        string? tenantBeingWritten = null;
        try
        {
            MoveAll(view, staging, changes, changedFolders);
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
        catch (MoveFailedException ex)
        {
            throw new IOException($"{Path.Combine(outDirectory, ex.Tenant)} is partly updated ({ex.InnerException!.Message.Replace(staging.FullPath, outDirectory, StringComparison.Ordinal)}); "
                + "once the cause is fixed, run generate again to complete it", ex.InnerException);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{Path.Combine(outDirectory, tenantBeingWritten ?? "")} is partly updated ({ex.Message.Replace(staging.FullPath, outDirectory, StringComparison.Ordinal)}); "
                + "once the cause is fixed, run generate again to complete it", ex);
        }

        // 7. The root .gitattributes, the manifest once the moves are on disk, then clean up.
        if (attributes is { } staged)
        {
            view.MoveInto(staging.PathOf(staged), RootGitAttributes.FileName);
            written++;
        }

        changedFolders.UnionWith(view.Created.Select(FolderView.FolderOf));
        ReplaceManifest(view, finalManifest.GetAwaiter().GetResult(), [.. changedFolders.Select(f => f.Length == 0 ? view.Root : view.Full(f)), staging.FullPath]);
        staging.Remove();
        return new WriteSummary(written, unchanged, removed, kept, overwritten, scope.LeftAlone, scope.Pruned, entries);
    }

    /// <summary>A tenant whose files were rendered whole, each with what its path holds (<see cref="DiskProbe"/>):
    /// one lstat, and the read and comparison generate would do, on the thread that rendered them. Reads
    /// only. A link or a folder gets no probe: the output stage looks at it itself and refuses it. A large
    /// tenant, whose files come one at a time, is looked at by the output stage as they come.</summary>
    private static GeneratedTenant Probed(string root, GeneratedTenant tenant, IReadOnlyDictionary<string, OwnedFile> previous, Signing.ScriptSigner? signer)
    {
        if (tenant.Artifacts is not IReadOnlyCollection<GeneratedArtifact> whole)
        {
            return tenant;
        }

        return tenant with { Artifacts = [.. whole.Select(artifact => artifact with { Probe = Probe(root, artifact, previous.GetValueOrDefault(artifact.Path), signer) })] };
    }

    private static DiskProbe? Probe(string root, GeneratedArtifact artifact, OwnedFile? owned, Signing.ScriptSigner? signer)
    {
        var full = Resolve(root, artifact.Path);
        var info = new FileInfo(full);
        var attributes = info.Attributes;
        if ((int)attributes == -1)
        {
            return new DiskProbe(default, null, null, false); // FileSystemInfo's answer for a path that does not exist
        }

        if (attributes.HasFlag(FileAttributes.ReparsePoint) || attributes.HasFlag(FileAttributes.Directory))
        {
            return null;
        }

        var state = new PathState(EntryKind.File, info.Length);
        if (owned is null && info.Length != artifact.Bytes.Length)
        {
            return new DiskProbe(state, null, null, false);
        }

        return Compared(state, artifact, ReadAll(full, info.Length).Span, owned, signer);
    }

    /// <summary>A file read at an artifact's path, against the artifact: kept as it is, or its hash for
    /// the journal and whether it was edited since generate wrote it.</summary>
    private static DiskProbe Compared(PathState state, GeneratedArtifact artifact, ReadOnlySpan<byte> bytes, OwnedFile? owned, Signing.ScriptSigner? signer) =>
        SignedScripts.Kept(artifact, bytes, owned, signer) is { } kept
            ? new DiskProbe(state, kept, null, false)
            : new DiskProbe(state, null, Sha256Hash.Of(bytes), owned is not null && !owned.Holds(bytes));

    /// <summary>Replaces manifest.json (the journal, then the final manifest) by a file staged whole, once
    /// it and everything the run wrote before it are on disk: the staged files, and the folders whose
    /// entries changed (<paramref name="changedFolders"/>, full paths). Then the rename itself is made
    /// durable (<see cref="Durability"/>).</summary>
    private static void ReplaceManifest(FolderView view, StagingFolder staging, Action<Stream> write, IReadOnlyList<string> changedFolders) =>
        ReplaceManifest(view, staging.Temporary(write), changedFolders);

    /// <summary><see cref="ReplaceManifest(FolderView, StagingFolder, Action{Stream}, IReadOnlyList{string})"/>
    /// with a manifest already staged (its full path).</summary>
    private static void ReplaceManifest(FolderView view, string staged, IReadOnlyList<string> changedFolders)
    {
        Durability.Batch(view.Root, changedFolders);
        File.Move(staged, view.Full(Manifest.FileName), overwrite: true);
        Durability.Folder(view.Root);
    }

    /// <summary>Step 5: each staged file renamed over its path. The folders are created first, each once, on
    /// this thread (the <see cref="FolderView"/> is its own); then the renames run on every core, a range
    /// of files each (issue 25: one after another, they were most of a fresh generate's last second).
    /// Each rename is atomic, and any of them done or not leaves what the journal completes, so their
    /// order does not matter; on a failure the others stop, and the first file in order that failed is
    /// the one reported.</summary>
    /// <exception cref="MoveFailedException">A rename failed.</exception>
    private static void MoveAll(FolderView view, StagingFolder staging, List<Change> changes, HashSet<string> changedFolders)
    {
        foreach (var change in changes)
        {
            if (changedFolders.Add(FolderView.FolderOf(change.Path)))
            {
                view.CreateFolder(FolderView.FolderOf(change.Path));
            }
        }

        if (changes.Count == 0)
        {
            return; // a run that only removes files (Partitioner refuses an empty range)
        }

        var firstFailure = int.MaxValue;
        Exception? failure = null;
        var gate = new Lock();
        Parallel.ForEach(Partitioner.Create(0, changes.Count, MovesPerRange), (range, loop) =>
        {
            for (var i = range.Item1; i < range.Item2 && !loop.ShouldExitCurrentIteration; i++)
            {
                try
                {
                    view.Replace(staging.PathOf(changes[i].Staged), changes[i].Path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    lock (gate)
                    {
                        (firstFailure, failure) = i < firstFailure ? (i, ex) : (firstFailure, failure);
                    }

                    loop.Stop();
                }
            }
        });
        if (failure is not null)
        {
            throw new MoveFailedException(changes[firstFailure].Tenant, failure);
        }
    }

    /// <summary>Files a thread renames before it takes the next range: enough that taking one costs
    /// nothing beside the renames, few enough that every core gets a share of one tenant's files.</summary>
    private const int MovesPerRange = 256;

    /// <summary>A rename of step 5 failed; <see cref="Tenant"/> is the tenant of the file.</summary>
    private sealed class MoveFailedException(string tenant, Exception inner) : Exception(inner.Message, inner)
    {
        public string Tenant { get; } = tenant;
    }

    /// <summary>Whether the manifest on disk is the one these entries and facts make (their SHA-256,
    /// <see cref="Manifest.Sha256Of"/>, computed only when there is a manifest to compare with).</summary>
    private static bool IsManifest(ManifestContent onDisk, (IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<TenantFacts> Facts) manifest) =>
        onDisk.Sha256 is { } sha256 && sha256 == Manifest.Sha256Of(manifest.Entries, manifest.Facts);

    /// <summary>Whether out/.gitattributes holds the bytes generate writes there.</summary>
    private static bool HasRootGitAttributes(FolderView view) =>
        view.File(RootGitAttributes.FileName) is { Kind: EntryKind.File, Length: var length } && length == RootGitAttributes.Bytes.Length
        && view.Read(RootGitAttributes.FileName, length).Span.SequenceEqual(RootGitAttributes.Bytes);
}
