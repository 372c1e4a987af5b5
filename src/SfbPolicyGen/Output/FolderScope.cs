using SfbPolicyGen.Model;

namespace SfbPolicyGen.Output;

/// <summary>Which part of an output folder a run owns. A run owns the folders of the tenants it read,
/// and with --prune also the folders of every tenant the manifest lists that the run did not read
/// (their files are then removed, as any file generate no longer produces). Everything else in the
/// manifest (other tenants' entries and facts) is carried over as it is: working on one tenant of a
/// repository never touches, reports or counts the others (octoDNS and DNSControl likewise act only on
/// the zones they are given).</summary>
public sealed class FolderScope
{
    private readonly HashSet<string> _runTenants;
    private IReadOnlyDictionary<string, OwnedFile>? _ownedInScope;

    /// <param name="runTenants">The tenants the run read.</param>
    public FolderScope(ManifestContent previous, IReadOnlyList<string> runTenants, bool prune)
    {
        Previous = previous;
        Prune = prune;
        _runTenants = new HashSet<string>(runTenants, StringComparer.Ordinal);
        var listed = previous.Entries.Select(e => e.Tenant).Concat(previous.Owned.Values.Select(f => f.Tenant)).Concat(previous.Facts.Keys)
            .Where(t => !_runTenants.Contains(t)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        LeftAlone = prune ? [] : listed;
        Pruned = prune ? listed : [];
    }

    public ManifestContent Previous { get; }

    public bool Prune { get; }

    /// <summary>Tenants of the folder the run does not touch (without --prune), ordinal order.</summary>
    public IReadOnlyList<string> LeftAlone { get; }

    /// <summary>Tenants of the folder whose files --prune removes, ordinal order.</summary>
    public IReadOnlyList<string> Pruned { get; }

    /// <summary>The manifest's entries after the run (the other tenants' as they were, then the run's,
    /// ordinal order of path) and its facts (ordinal order of tenant).</summary>
    public (IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<TenantFacts> Facts) After(IEnumerable<ManifestEntry> runEntries, IEnumerable<TenantFacts> runFacts) =>
        ([.. Previous.Entries.Where(e => !InScope(e.Tenant)).Concat(runEntries).OrderBy(e => e.Path, StringComparer.Ordinal)],
         [.. Previous.Facts.Values.Where(f => !InScope(f.Tenant)).Concat(runFacts).OrderBy(f => f.Tenant, StringComparer.Ordinal)]);

    public bool InScope(string tenant) => Prune || _runTenants.Contains(tenant);

    /// <summary>The run's entry for a file, as the previous manifest already holds it when nothing about
    /// the file changed: one object and one set of strings for both manifests, which halves what a run
    /// over thousands of unchanged files keeps.</summary>
    public ManifestEntry Shared(ManifestEntry entry)
    {
        // The manifest lists its entries in ordinal order of path (a hand-edited one that does not
        // merely shares nothing).
        var entries = Previous.Entries;
        var index = OwnedFiles.IndexOf(entries, entry.Path);
        return index >= 0 && entries[index] == entry ? entries[index] : entry;
    }

    /// <summary>The previous run's files the run owns (those of its tenants, and with --prune those of
    /// tenants it no longer has), by path: the manifest's own table when the run owns every tenant, else
    /// a table made once.</summary>
    public IReadOnlyDictionary<string, OwnedFile> OwnedInScope => _ownedInScope ??=
        Prune || LeftAlone.Count == 0 ? Previous.Owned : Previous.Owned.Values.Where(f => InScope(f.Tenant)).ToDictionary(f => f.Path, StringComparer.Ordinal);

    /// <summary>The previous run's files in the run's scope that it no longer produces: generate removes
    /// them (those still as it wrote them), plan lists them, and the run's checksum states them.</summary>
    /// <param name="produced">The paths of the run's files.</param>
    public List<OwnedFile> NoLongerProduced(IReadOnlySet<string> produced) => [.. OwnedInScope.Values.Where(f => !produced.Contains(f.Path))];

    /// <summary>A previous run that stopped while writing a tenant outside this run's scope must be
    /// completed with that tenant's policy first: this run cannot say which version its files should be.</summary>
    public IReadOnlyList<string> InterruptedOutOfScope =>
        [.. Previous.Interrupted.Where(t => !InScope(t)).Order(StringComparer.Ordinal)];
}
