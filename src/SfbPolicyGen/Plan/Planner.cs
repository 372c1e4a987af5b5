using System.Collections.Immutable;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Plan;

/// <summary>What the previous state of a plan was taken from.</summary>
public enum PlanBaseline
{
    /// <summary>No manifest: everything is new.</summary>
    Empty,

    /// <summary>The facts the last run kept in the manifest.</summary>
    Facts,

    /// <summary>The artifacts themselves, read back: the manifest predates kept facts.</summary>
    ArtifactsOfAnOlderManifest,

    /// <summary>The artifacts themselves, read back: the last run stopped while writing.</summary>
    ArtifactsOfAnInterruptedRun,
}

/// <param name="LeftAlone">Tenants of the folder outside the run (no --prune): not planned.</param>
/// <param name="Refusals">What generate would refuse without --force (<see cref="RemovalThresholds"/>).</param>
/// <param name="Checksum">What generate --plan checks (<see cref="RunChecksum"/>), when asked for.</param>
public sealed record PlanResult(IReadOnlyList<PlanChange> Changes, PlanBaseline Baseline, IReadOnlyList<string> LeftAlone, IReadOnlyList<Removal> Refusals, string? Checksum);

/// <summary>What <c>generate</c> would change in an output folder, said the way a reviewer thinks of it.
/// A plan is a diff of models, never of rendered text (octoDNS's <c>Zone.changes</c>): the facts the
/// last run kept in the manifest (<see cref="TenantFacts"/>) against the facts of the new policy, so a
/// template override that moves lines changes no plan line. For a folder written before facts were
/// kept, the previous facts are read back from its artifacts (<see cref="ArtifactReader"/>), and the
/// result says so. Then files added, removed or changed, from their bytes on disk.
/// Ordering: tenants (ordinal), then areas (ordinal, "Files" last; every line of what is left in place
/// is under "Left in place"), then the change's text (ordinal, so '+' before '-' before '~' within an
/// area). What the artifacts change from A to B they change back from B to A, as the inverse line,
/// except what they cannot take away: that is a "Left in place" line instead of a removal.</summary>
public static partial class Planner
{
    /// <param name="prune">Also plan the removal of the tenants the folder has and the run does not.</param>
    /// <param name="checksum">Also compute the run's checksum (plan --save): it reads every file generate
    /// would replace or remove, where the plan alone reads only those whose size does not tell.</param>
    public static PlanResult Compute(string outDirectory, GeneratedTree tree, bool prune = false, bool checksum = false)
    {
        var scope = new FolderScope(Directory.Exists(outDirectory) ? Manifest.Load(outDirectory, tree.Registry) : ManifestContent.None, tree.Tenants, prune);
        var previous = scope.Previous;
        var entries = previous.Entries.Where(e => scope.InScope(e.Tenant)).ToList();
        var all = PreviousFacts(outDirectory, previous, tree.Registry);
        tree = tree.After(scope, all);
        var before = all.Where(f => scope.InScope(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var baseline = previous.State switch
        {
            ManifestState.Absent => PlanBaseline.Empty,
            ManifestState.Interrupted => PlanBaseline.ArtifactsOfAnInterruptedRun,
            ManifestState.Complete when entries.Any(e => !previous.Facts.ContainsKey(e.Tenant)) => PlanBaseline.ArtifactsOfAnOlderManifest,
            ManifestState.Complete => PlanBaseline.Facts,
        };
        var after = tree.Facts.ToDictionary(f => f.Tenant, StringComparer.Ordinal);

        var changes = new List<PlanChange>();
        var renamed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (from, to) in Renames(before, after, all).ToList())
        {
            renamed.Add(from);
            // The new tenant is planned against what the old one deployed (its GPO, values, records,
            // users): a rename changes only what the names carry. The old one has nothing else to say.
            before[to] = before[from] with { Tenant = to };
            before.Remove(from);
            changes.Add(new PlanChange(to, PlanArea.Tenant, PlanAction.Add) { From = from });
            changes.Add(new PlanChange(to, PlanArea.Tenant, PlanAction.Change) { From = AdmxFileName(from), To = AdmxFileName(to) });
            changes.Add(new PlanChange(from, PlanArea.Tenant, PlanAction.Remove) { To = to });
        }

        foreach (var (domain, from, to) in Moves(all, after).Where(m => !renamed.Contains(m.From)))
        {
            // Each side is planned as if the domain had always been the receiver's: its records compare
            // with what the giver published, and the giver has no domain left in place.
            var giver = all[from];
            var receiver = before.GetValueOrDefault(to) ?? TenantFacts.Empty(to);
            before[to] = receiver with
            {
                Dns = receiver.Dns.SetItem(domain, giver.Dns[domain]),
                DnsPublished = giver.DnsPublished.TryGetValue(domain, out var published) ? receiver.DnsPublished.SetItem(domain, published) : receiver.DnsPublished,
            };
            changes.Add(new PlanChange(to, PlanArea.Moved, PlanAction.Add) { Domain = domain, From = from });
            if (before.TryGetValue(from, out var old))
            {
                before[from] = old with { Dns = old.Dns.Remove(domain), DnsPublished = old.DnsPublished.Remove(domain) };
                changes.Add(new PlanChange(from, PlanArea.Moved, PlanAction.Remove) { Domain = domain, To = to });
            }
        }

        foreach (var tenant in before.Keys.Union(after.Keys))
        {
            changes.AddRange(FactChanges(before.GetValueOrDefault(tenant) ?? TenantFacts.Empty(tenant), after.GetValueOrDefault(tenant)));
        }

        var run = checksum ? new RunFiles() : null;
        changes.AddRange(FileChanges(outDirectory, entries, tree.Render(), scope.OwnedInScope, tree.Signer, run));
        // Sorted tenant by tenant: the texts a sort keys on are made for one tenant's changes at a time,
        // not for every change of a thousand tenants at once.
        return new PlanResult(
            [.. changes
                .GroupBy(c => c.Tenant, StringComparer.Ordinal)
                .OrderBy(tenant => tenant.Key, StringComparer.Ordinal)
                .SelectMany(tenant => tenant
                    .OrderBy(c => c.Area == PlanArea.Files ? 1 : 0)
                    .ThenBy(c => c.AreaText, StringComparer.Ordinal)
                    .ThenBy(c => c.Text, StringComparer.Ordinal))],
            baseline,
            scope.LeftAlone,
            RemovalThresholds.Exceeded(tree, all),
            run?.Checksum(outDirectory, scope, tree.Facts));
    }

    /// <summary>The tenants renamed in this run: a tenant new to the folder whose domains are exactly those
    /// of a tenant the run removes (--prune: its policy file is gone), and which has some. Each old tenant
    /// is renamed once, to the first such new tenant in ordinal order.</summary>
    private static IEnumerable<(string From, string To)> Renames(Dictionary<string, TenantFacts> before, Dictionary<string, TenantFacts> after, Dictionary<string, TenantFacts> previous)
    {
        static string Domains(TenantFacts facts) => string.Join(',', facts.Dns.Keys.Except(facts.RetiredDomains, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var removed in before.Values.Where(f => !after.ContainsKey(f.Tenant)).OrderBy(f => f.Tenant, StringComparer.Ordinal))
        {
            var domains = Domains(removed);
            var renamed = after.Values
                .Where(f => !previous.ContainsKey(f.Tenant) && !taken.Contains(f.Tenant) && domains.Length > 0 && Domains(f) == domains)
                .OrderBy(f => f.Tenant, StringComparer.Ordinal)
                .FirstOrDefault();
            if (renamed is not null)
            {
                taken.Add(renamed.Tenant);
                yield return (removed.Tenant, renamed.Tenant);
            }
        }
    }

    /// <summary>The .admx and .adml base name of a tenant (README, "Artifacts").</summary>
    private static string AdmxFileName(string tenant) => $"SfbPolicyGen-{tenant}";

    /// <summary>The SIP domains that change tenant in this run: a domain of a tenant's new facts that the
    /// previous facts give to another tenant (as a domain, not a retired one), in ordinal order. A move
    /// across runs is only ever planned when both tenants are in the run's scope (SFB029 otherwise).</summary>
    private static IEnumerable<(string Domain, string From, string To)> Moves(IReadOnlyDictionary<string, TenantFacts> previous, IReadOnlyDictionary<string, TenantFacts> now)
    {
        var givers = previous.Values
            .SelectMany(f => f.Dns.Keys.Except(f.RetiredDomains, StringComparer.Ordinal).Select(d => (Domain: d, f.Tenant)))
            .ToLookup(d => d.Domain, d => d.Tenant, StringComparer.Ordinal);
        return now.Values
            .SelectMany(f => f.Dns.Keys.Except(f.RetiredDomains, StringComparer.Ordinal).Select(d => (Domain: d, To: f.Tenant)))
            .SelectMany(d => givers[d.Domain].Where(from => from != d.To).Select(from => (d.Domain, From: from, d.To)))
            .OrderBy(m => m.Domain, StringComparer.Ordinal);
    }

    /// <summary>What each tenant of the folder deployed before this run: the facts its last run kept in the
    /// manifest, unless that run stopped while writing (its files may be old or new) or predates kept
    /// facts; then they are read back from its artifacts (<see cref="ArtifactReader"/>). Plan compares
    /// with them, and generate and check take the DNS records they show as the tool's
    /// (<see cref="GeneratedTree.After(IEnumerable{TenantFacts})"/>), so that all three see the same files.</summary>
    public static Dictionary<string, TenantFacts> PreviousFacts(string outDirectory, ManifestContent previous, Concerns.ConcernRegistry registry)
    {
        var before = new Dictionary<string, TenantFacts>(StringComparer.Ordinal);
        if (previous.State == ManifestState.Complete)
        {
            foreach (var facts in previous.Facts.Values)
            {
                before[facts.Tenant] = facts;
            }
        }

        var readBack = previous.Entries.Where(e => previous.State == ManifestState.Interrupted || !previous.Facts.ContainsKey(e.Tenant)).ToList();
        foreach (var (tenant, facts) in ArtifactReader.Facts(outDirectory, readBack, registry))
        {
            before[tenant] = facts;
        }

        return before;
    }

    /// <summary>Files added, removed or changed: the previous manifest's files as they are on disk
    /// against the new bytes, tenant by tenant as they are rendered. A file deleted by hand counts as
    /// absent; a file whose size differs has changed, unread; one of the same size is read once.
    /// With <paramref name="run"/>, also what the run's checksum needs of each file, from the same
    /// reads: its manifest entry, and the bytes on disk of every file whose bytes would change, listed in
    /// the manifest or not (generate refuses a file it did not write, so that one never reaches a write).</summary>
    private static List<PlanChange> FileChanges(string outDirectory, IReadOnlyList<ManifestEntry> previous, IEnumerable<GeneratedTenant> produced, IReadOnlyDictionary<string, OwnedFile> owned, Signing.ScriptSigner? signer, RunFiles? run)
    {
        var root = Path.GetFullPath(outDirectory);
        var before = previous.ToDictionary(e => e.Path, e => e.Tenant, StringComparer.Ordinal);
        var changes = new List<PlanChange>();
        PlanChange Change(string tenant, string path, PlanAction action) =>
            new(tenant, PlanArea.Files, action) { Path = Concerns.ArtifactKind.RelativeToTenant(tenant, path) };
        foreach (var artifact in produced.SelectMany(t => t.Artifacts))
        {
            var listed = before.Remove(artifact.Path);
            var onDisk = listed || run is not null ? new FileInfo(OutputFolder.Resolve(root, artifact.Path)) : null;
            // A script may differ in size and still be kept: signed, with the same content (SignedScripts).
            var bytes = onDisk is { Exists: true } && (run is not null || MaySameBytes(onDisk, artifact.Bytes) || Signing.AuthenticodeScript.Applies(artifact.Path))
                ? OutputFolder.ReadAll(onDisk.FullName, artifact.Bytes.Length)
                : (ReadOnlyMemory<byte>?)null;
            var kept = bytes is { } read ? SignedScripts.Kept(artifact, read.Span, owned.GetValueOrDefault(artifact.Path), signer) : null;
            var same = kept is not null;
            if (!listed || onDisk is not { Exists: true })
            {
                changes.Add(Change(artifact.Artifact.Tenant, artifact.Path, PlanAction.Add));
            }
            else if (!same)
            {
                changes.Add(Change(artifact.Artifact.Tenant, artifact.Path, PlanAction.Change));
            }

            run?.Add(kept ?? artifact, same, bytes);
        }

        changes.AddRange(before.Where(e => File.Exists(OutputFolder.Resolve(root, e.Key))).Select(e => Change(e.Value, e.Key, PlanAction.Remove)));
        return changes;
    }

    /// <summary>Whether the file may hold these bytes: a size apart means different bytes, without
    /// reading (FileInfo's size is the entry's own, so a symbolic link is read through instead).</summary>
    private static bool MaySameBytes(FileInfo file, byte[] bytes) =>
        file.Attributes.HasFlag(FileAttributes.ReparsePoint) || file.Length == bytes.Length;

    /// <summary>What the run's checksum needs of the files the plan walks through
    /// (<see cref="RunChecksum"/>, which generate --plan computes from its own walk).</summary>
    private sealed class RunFiles
    {
        private readonly List<ManifestEntry> _entries = [];
        private readonly List<(string Path, Sha256Hash? Hash)> _writes = [];

        /// <param name="same">The file on disk holds the artifact's bytes: generate leaves it.</param>
        /// <param name="onDisk">The file's bytes, null when it is not there.</param>
        public void Add(GeneratedArtifact artifact, bool same, ReadOnlyMemory<byte>? onDisk)
        {
            _entries.Add(artifact.ToManifestEntry());
            if (!same)
            {
                _writes.Add((artifact.Path, onDisk is { } bytes ? Sha256Hash.Of(bytes.Span) : null));
            }
        }

        public string Checksum(string outDirectory, FolderScope scope, IReadOnlyList<TenantFacts> facts)
        {
            var root = Path.GetFullPath(outDirectory);
            var after = scope.After(_entries, facts);
            var stale = scope.NoLongerProduced(_entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal))
                .Select(f => (f.Path, File.Exists(OutputFolder.Resolve(root, f.Path)) ? Sha256Hash.Of(File.ReadAllBytes(OutputFolder.Resolve(root, f.Path))) : (Sha256Hash?)null));
            return RunChecksum.Of(scope.Previous.Sha256, Manifest.Sha256Of(after.Entries.Select(e => e.Reviewed), after.Facts), _writes, stale);
        }
    }
}
