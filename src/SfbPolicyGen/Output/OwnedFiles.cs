using System.Collections;
using System.Diagnostics.CodeAnalysis;
using SfbPolicyGen.Concerns;

namespace SfbPolicyGen.Output;

/// <summary>Every file a previous run owns, by path, with the hashes it may have, in the order the
/// manifest names them (its entries, then the files only a journal's stale list names). A manifest
/// this tool wrote lists each file once, in ordinal order of path: its entries are looked up where
/// they are, by binary search, and only what a journal adds (the old hash of a file it was changing,
/// the files it was removing) is kept in a table. A table of every file repeated the entries: at a
/// thousand tenants, about 6 MB. Entries out of order or listed twice (a manifest edited by hand) all
/// go to the table, so that every manifest is read as before.</summary>
internal sealed class OwnedFiles : IReadOnlyDictionary<string, OwnedFile>
{
    /// <summary>The manifest's entries when in strict ordinal order of path; otherwise none.</summary>
    private readonly IReadOnlyList<ManifestEntry> _ordered;

    private readonly Dictionary<string, OwnedFile> _added = new(StringComparer.Ordinal);

    internal OwnedFiles(IReadOnlyList<ManifestEntry> entries)
    {
        _ordered = InStrictOrder(entries) ? entries : [];
        if (_ordered.Count == 0)
        {
            foreach (var entry in entries)
            {
                Add(entry.Tenant, entry.Path, entry.Kind, [entry.Sha256]);
            }
        }
    }

    public int Count => _ordered.Count + _added.Keys.Count(path => IndexOf(_ordered, path) < 0);

    public IEnumerable<string> Keys => this.Select(file => file.Key);

    public IEnumerable<OwnedFile> Values => this.Select(file => file.Value);

    public OwnedFile this[string path] => TryGetValue(path, out var file) ? file : throw new KeyNotFoundException($"{path} is not owned");

    /// <summary>The index of the entry of this path in entries in ordinal order of path; -1 when none.</summary>
    internal static int IndexOf(IReadOnlyList<ManifestEntry> entries, string path)
    {
        for (int low = 0, high = entries.Count - 1; low <= high;)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(entries[middle].Path, path);
            if (order == 0)
            {
                return middle;
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return -1;
    }

    /// <summary>Hashes a file may also have (a journal's), or a file the entries do not list.</summary>
    internal void Add(string tenant, string path, ArtifactKind kind, Sha256Hash[] hashes) =>
        _added[path] = TryGetValue(path, out var known) ? known with { Sha256s = [.. known.Sha256s.Union(hashes)] } : new OwnedFile(tenant, path, kind, hashes);

    public bool ContainsKey(string key) => _added.ContainsKey(key) || IndexOf(_ordered, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out OwnedFile value)
    {
        if (_added.TryGetValue(key, out value))
        {
            return true;
        }

        var index = IndexOf(_ordered, key);
        value = index < 0 ? null : Owned(_ordered[index]);
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, OwnedFile>> GetEnumerator()
    {
        foreach (var entry in _ordered)
        {
            yield return new(entry.Path, _added.GetValueOrDefault(entry.Path) ?? Owned(entry));
        }

        foreach (var (path, file) in _added)
        {
            if (IndexOf(_ordered, path) < 0)
            {
                yield return new(path, file);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static OwnedFile Owned(ManifestEntry entry) => new(entry.Tenant, entry.Path, entry.Kind, [entry.Sha256]);

    private static bool InStrictOrder(IReadOnlyList<ManifestEntry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            if (string.CompareOrdinal(entries[i - 1].Path, entries[i].Path) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
