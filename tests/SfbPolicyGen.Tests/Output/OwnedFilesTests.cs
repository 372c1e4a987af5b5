using System.Text;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Tests.Output;

/// <summary>What a loaded manifest says a previous run owns, now looked up in its entries rather than
/// copied into a table: each listed file with its hash; for a journal, the old hash of each file it was
/// changing and the files it was removing, after the entries; and the same for a manifest whose entries
/// were put out of order by hand.</summary>
public sealed class OwnedFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-owned-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sha256Hash Hash(string text) => Sha256Hash.Of(Encoding.UTF8.GetBytes(text));

    private static ManifestEntry Entry(string path, string text) => new("t", TenantKinds.Guide, path, Hash(text), text.Length, null, null);

    private static readonly ManifestEntry[] Entries = [Entry("t/a.md", "a"), Entry("t/b.md", "b"), Entry("t/c.md", "c")];

    private IReadOnlyDictionary<string, OwnedFile> Load(Action<Stream> write)
    {
        using (var stream = File.Create(Path.Combine(_dir, Manifest.FileName)))
        {
            write(stream);
        }

        return Manifest.Load(_dir).Owned;
    }

    private static string[] Listed(IReadOnlyDictionary<string, OwnedFile> owned) =>
        [.. owned.Values.Select(f => $"{f.Path} {string.Join(" ", f.Sha256s.Select(h => h.ToString()[..4]))}")];

    [Fact]
    public void A_complete_manifest_owns_each_entry_with_its_hash()
    {
        var owned = Load(stream => Manifest.Write(stream, Entries, []));

        Assert.Equal(3, owned.Count);
        Assert.Equal(["t/a.md", "t/b.md", "t/c.md"], owned.Keys);
        Assert.True(owned.TryGetValue("t/b.md", out var b));
        Assert.Equal(("t", "t/b.md", TenantKinds.Guide), (b.Tenant, b.Path, b.Kind));
        Assert.Equal([Hash("b")], b.Sha256s);
        Assert.False(owned.ContainsKey("t/d.md"));
        Assert.False(owned.TryGetValue("t/0.md", out _));
    }

    [Fact]
    public void A_journal_adds_old_hashes_and_the_files_it_was_removing_after_the_entries()
    {
        var stale = new OwnedFile("u", "u/gone.md", TenantKinds.Guide, [Hash("gone")]);
        var owned = Load(stream => Manifest.WriteJournal(stream, Entries, [], new Dictionary<string, Sha256Hash> { ["t/b.md"] = Hash("old b") }, [stale]));

        Assert.Equal(4, owned.Count);
        Assert.Equal([Hash("b"), Hash("old b")], owned["t/b.md"].Sha256s);
        Assert.Equal([Hash("a")], owned["t/a.md"].Sha256s);
        Assert.Equal(("u", TenantKinds.Guide), (owned["u/gone.md"].Tenant, owned["u/gone.md"].Kind));
        Assert.Equal([Hash("gone")], owned["u/gone.md"].Sha256s);
        Assert.Equal(["t/a.md", "t/b.md", "t/c.md", "u/gone.md"], owned.Keys);
    }

    [Fact]
    public void Entries_out_of_order_are_owned_all_the_same()
    {
        var ordered = Listed(Load(stream => Manifest.WriteJournal(stream, Entries, [], new Dictionary<string, Sha256Hash> { ["t/b.md"] = Hash("old b") }, [])));
        var shuffled = Load(stream => Manifest.WriteJournal(stream, [Entries[2], Entries[0], Entries[1]], [], new Dictionary<string, Sha256Hash> { ["t/b.md"] = Hash("old b") }, []));

        Assert.Equal(ordered.Order(StringComparer.Ordinal), Listed(shuffled).Order(StringComparer.Ordinal));
        Assert.Equal(["t/c.md", "t/a.md", "t/b.md"], shuffled.Keys);
        Assert.True(shuffled.ContainsKey("t/c.md")); // where a binary search of these entries would not look
        Assert.Equal([Hash("b"), Hash("old b")], shuffled["t/b.md"].Sha256s);
    }
}
