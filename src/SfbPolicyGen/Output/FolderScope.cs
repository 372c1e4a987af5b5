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

    public FolderScope(ManifestContent previous, GeneratedTree tree, bool prune)
    {
        Previous = previous;
        Prune = prune;
        _runTenants = new HashSet<string>(tree.Tenants, StringComparer.Ordinal);
        var listed = previous.Entries.Select(e => e.Tenant).Concat(previous.Owned.Select(f => f.Tenant)).Concat(previous.Facts.Keys)
            .Where(t => !_runTenants.Contains(t)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        LeftAlone = prune ? [] : listed;
        Pruned = prune ? listed : [];
        Entries = [.. previous.Entries.Where(e => !InScope(e.Tenant)).Concat(tree.Entries).OrderBy(e => e.Path, StringComparer.Ordinal)];
        Facts = [.. previous.Facts.Values.Where(f => !InScope(f.Tenant)).Concat(tree.Facts).OrderBy(f => f.Tenant, StringComparer.Ordinal)];
    }

    public ManifestContent Previous { get; }

    public bool Prune { get; }

    /// <summary>Tenants of the folder the run does not touch (without --prune), ordinal order.</summary>
    public IReadOnlyList<string> LeftAlone { get; }

    /// <summary>Tenants of the folder whose files --prune removes, ordinal order.</summary>
    public IReadOnlyList<string> Pruned { get; }

    /// <summary>The manifest entries after the run: the other tenants' as they were, then the run's.</summary>
    public IReadOnlyList<ManifestEntry> Entries { get; }

    /// <summary>The facts after the run, by tenant.</summary>
    public IReadOnlyList<TenantFacts> Facts { get; }

    /// <summary>The manifest the run leaves.</summary>
    public byte[] Manifest => Output.Manifest.Serialize(Entries, Facts);

    public bool InScope(string tenant) => Prune || _runTenants.Contains(tenant);

    /// <summary>The previous run's files the run owns (those of its tenants, and with --prune those of
    /// tenants it no longer has).</summary>
    public IEnumerable<OwnedFile> OwnedInScope => Previous.Owned.Where(f => InScope(f.Tenant));

    /// <summary>A previous run that stopped while writing a tenant outside this run's scope must be
    /// completed with that tenant's policy first: this run cannot say which version its files should be.</summary>
    public IReadOnlyList<string> InterruptedOutOfScope =>
        [.. Previous.Interrupted.Where(t => !InScope(t)).Order(StringComparer.Ordinal)];
}
