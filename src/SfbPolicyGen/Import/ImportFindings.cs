using System.Collections.Immutable;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>What the readers found in the sources, each thing with its origin, before any mapping to
/// policies.yaml: the raw material of <see cref="ImportMapper"/>. Readers only add; none decides.</summary>
public sealed class ImportFindings
{
    public List<TrustValueFound> TrustValues { get; } = [];

    public List<Sourced<string>> GpoNames { get; } = [];

    public List<ZoneFound> Zones { get; } = [];

    /// <summary>Facts a reader wants said (an HKEY_CURRENT_USER key, a value set twice in one file).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Sources that hold nothing of the kinds import maps (other keys of a .reg export), said once each.</summary>
    public List<string> Ignored { get; } = [];

    /// <summary>Says what of <paramref name="file"/> was not read, naming it (<c>"Other" (line 4)</c>), so
    /// that a person can tell whether something that mattered was left out; a few, then how many more.</summary>
    /// <param name="what">The count, said: <c>1 other key and 2 other values</c>.</param>
    public void NotRead(string file, string what, IReadOnlyList<string> names)
    {
        Ignored.Add($"{file}: {what} not read (import takes TrustModelData under the client keys only): {Names.Few(names)}");
    }
}

/// <summary>TrustModelData under one client's policy key.</summary>
/// <param name="Hive">HKEY_LOCAL_MACHINE or HKEY_CURRENT_USER.</param>
/// <param name="Entries">The value's entries, normalised, in their order; null when the source
/// deletes the value (<c>"TrustModelData"=-</c>, <c>[-key]</c>, <c>**del.TrustModelData</c>).</param>
public sealed record TrustValueFound(TrustClient Client, string Hive, ImmutableArray<string>? Entries, Origin At)
{
    public bool IsMachine => Hive == TrustClient.Hive;
}

/// <summary>One zone: its domain (normalised, punycode) and every record read from it.</summary>
public sealed record ZoneFound(string Domain, Origin DomainAt, ImmutableArray<FoundRecord> Records, string Source);

/// <summary>A resource record as read. Names are absolute, lowercased, with their trailing dot.</summary>
/// <param name="Fields">RDATA in presentation form, field by field (names absolute).</param>
public sealed record FoundRecord(string Owner, string Class, string Type, int Ttl, ImmutableArray<string> Fields, Origin At)
{
    public string Text => $"{Owner} {Ttl} {Class} {Type} {Data}";

    /// <summary>RDATA in presentation form, as one text.</summary>
    public string Data => string.Join(' ', Fields);
}
