using System.Collections.Immutable;
using System.Security.Cryptography;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Plan;

/// <summary>One change, in the domain's words: <c>TrustModelData (skype2016): + contoso.de</c>.</summary>
/// <param name="Area">What changes (TrustModelData (client), DNS domain, TMG, ADMX, Active Directory, Files).</param>
public sealed record PlanChange(string Tenant, string Area, string Text);

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
public sealed record PlanResult(IReadOnlyList<PlanChange> Changes, PlanBaseline Baseline, IReadOnlyList<string> LeftAlone);

/// <summary>What <c>generate</c> would change in an output folder, said the way a reviewer thinks of it.
/// A plan is a diff of models, never of rendered text (octoDNS's <c>Zone.changes</c>): the facts the
/// last run kept in the manifest (<see cref="TenantFacts"/>) against the facts of the new policy, so a
/// template override that moves lines changes no plan line. For a folder written before facts were
/// kept, the previous facts are read back from its artifacts (<see cref="ArtifactReader"/>), and the
/// result says so. Then files added, removed or changed, from their bytes on disk.
/// Ordering: tenants (ordinal), then areas (ordinal, "Files" last), then the change's text (ordinal,
/// so '+' before '-' before '~' within an area). The plan from A to B is exactly the inverse of the
/// plan from B to A.</summary>
public static class Planner
{
    /// <param name="prune">Also plan the removal of the tenants the folder has and the run does not.</param>
    public static PlanResult Compute(string outDirectory, GeneratedTree tree, bool prune = false)
    {
        var scope = new FolderScope(Directory.Exists(outDirectory) ? Manifest.Load(outDirectory) : ManifestContent.None, tree, prune);
        var previous = scope.Previous;
        var entries = previous.Entries.Where(e => scope.InScope(e.Tenant)).ToList();

        // Facts the last run kept, unless it stopped while writing (its files may be old or new) or
        // predates kept facts: then its artifacts are read back.
        var readBack = entries.Where(e => previous.State == ManifestState.Interrupted || !previous.Facts.ContainsKey(e.Tenant)).ToList();
        var before = new Dictionary<string, TenantFacts>(StringComparer.Ordinal);
        foreach (var facts in previous.Facts.Values.Where(f => scope.InScope(f.Tenant) && previous.State == ManifestState.Complete))
        {
            before[facts.Tenant] = facts;
        }

        foreach (var (tenant, facts) in ArtifactReader.Facts(outDirectory, readBack))
        {
            before[tenant] = facts;
        }

        var baseline = previous.State switch
        {
            ManifestState.Absent => PlanBaseline.Empty,
            ManifestState.Interrupted => PlanBaseline.ArtifactsOfAnInterruptedRun,
            ManifestState.Complete when readBack.Count > 0 => PlanBaseline.ArtifactsOfAnOlderManifest,
            ManifestState.Complete => PlanBaseline.Facts,
        };
        var after = tree.Facts.ToDictionary(f => f.Tenant, StringComparer.Ordinal);

        var changes = new List<PlanChange>();
        foreach (var tenant in before.Keys.Union(after.Keys))
        {
            changes.AddRange(FactChanges(before.GetValueOrDefault(tenant) ?? Empty(tenant), after.GetValueOrDefault(tenant)));
        }

        changes.AddRange(FileChanges(outDirectory, entries, tree.Artifacts));
        return new PlanResult(
            [.. changes
                .OrderBy(c => c.Tenant, StringComparer.Ordinal)
                .ThenBy(c => c.Area == FilesArea ? 1 : 0)
                .ThenBy(c => c.Area, StringComparer.Ordinal)
                .ThenBy(c => c.Text, StringComparer.Ordinal)],
            baseline,
            scope.LeftAlone);
    }

    private const string FilesArea = "Files";

    private static TenantFacts Empty(string tenant) => new(
        tenant,
        ImmutableSortedDictionary.Create<string, ImmutableArray<string>>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, ImmutableArray<RecordFact>>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
        [],
        [],
        []);

    /// <summary>The changes from one tenant's facts to another's, as the artifacts carry them out:
    /// values and records the tenant's scripts set, add or remove, then what they leave in place on
    /// purpose (a domain or client dropped from the policy without being retired: nothing proves this
    /// tool put it there, so nothing removes it from computers or DNS; octoDNS's ownership rule).
    /// <paramref name="after"/> is null for a tenant --prune removes: only its folder goes.</summary>
    public static IEnumerable<PlanChange> FactChanges(TenantFacts before, TenantFacts? after)
    {
        var tenant = before.Tenant;
        if (after is null)
        {
            return [new PlanChange(tenant, LeftInPlace, "what this tenant's artifacts deployed stays: retire its domains and clients and deploy before removing its policy file")];
        }

        var droppedDomains = before.Dns.Keys.Except(after.Dns.Keys, StringComparer.Ordinal).Where(d => !before.Dns[d].IsEmpty);
        var droppedEntries = before.TrustModelData.Values.SelectMany(v => v).Distinct(StringComparer.OrdinalIgnoreCase)
            .Except(after.TrustModelData.Values.SelectMany(v => v).Concat(after.RetiredDomains), StringComparer.OrdinalIgnoreCase);
        var droppedClients = before.TrustModelData.Keys.Except(after.TrustModelData.Keys.Concat(after.RetiredClients), StringComparer.Ordinal);
        return
        [
            .. TrustChanges(tenant, before.TrustModelData, after.TrustModelData),
            .. after.Dns.Keys.SelectMany(domain => ZoneChanges(tenant, domain, Records(before, domain), Records(after, domain))),
            .. TmgChanges(tenant, before.TmgKeys, after.TmgKeys),
            .. SetChanges(tenant, "ADMX", before.TrustModelData.Keys, after.TrustModelData.Keys, "new policy for ", "policy removed for "),
            .. SetChanges(tenant, "Active Directory", before.DistinguishedNames, after.DistinguishedNames, "+ msRTCSIP-UserEnabled TRUE for ", "- no longer set for "),
            .. SetChanges(tenant, "Retired", before.RetiredDomains, after.RetiredDomains,
                "+ domain ", "- domain ", ": the appender removes it from each computer's TrustModelData; the DNS Server script removes its records that point to Microsoft", ": no longer retired"),
            .. SetChanges(tenant, "Retired", before.RetiredClients, after.RetiredClients,
                "+ client ", "- client ", ": the .reg file and Registry.pol delete its TrustModelData; the appender removes this tenant's entries from it", ": no longer retired"),
            .. droppedDomains.Select(d => new PlanChange(tenant, LeftInPlace, $"DNS {d}: its records stay published (not in retired.domains)")),
            .. droppedEntries.Select(d => new PlanChange(tenant, LeftInPlace, $"TrustModelData: {d} stays on computers the appender updated (not in retired.domains)")),
            .. droppedClients.Select(c => new PlanChange(tenant, LeftInPlace,
                $"TrustModelData ({c}): the GPO script removes it from its GPO; computers that imported the .reg file or ran the appender keep it (not in retired.clients)")),
        ];
    }

    private const string LeftInPlace = "Left in place";

    /// <summary>Files added (+), removed (-) or changed (~): the previous manifest's files as they are on
    /// disk against the new bytes. A file deleted by hand counts as absent.</summary>
    private static IEnumerable<PlanChange> FileChanges(string outDirectory, IReadOnlyList<ManifestEntry> previous, IReadOnlyList<GeneratedArtifact> produced)
    {
        var before = previous
            .Select(e => (e.Tenant, e.Path, Full: OutputFolder.Resolve(outDirectory, e.Path)))
            .Where(e => File.Exists(e.Full))
            .ToDictionary(e => e.Path, e => (e.Tenant, Sha256: Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(e.Full)))), StringComparer.Ordinal);
        var after = produced.ToDictionary(a => a.Path, a => (a.Artifact.Tenant, a.Sha256), StringComparer.Ordinal);
        foreach (var path in before.Keys.Union(after.Keys))
        {
            var had = before.TryGetValue(path, out var old);
            var has = after.TryGetValue(path, out var now);
            if (had && has && old.Sha256 == now.Sha256)
            {
                continue;
            }

            var tenant = has ? now.Tenant : old.Tenant;
            yield return new PlanChange(tenant, FilesArea, $"{(!had ? "+" : !has ? "-" : "~")} {ArtifactPaths.RelativeToTenant(tenant, path)}");
        }
    }

    private static ImmutableArray<RecordFact> Records(TenantFacts facts, string domain) => facts.Dns.GetValueOrDefault(domain, []);

    private static IEnumerable<PlanChange> TrustChanges(string tenant, ImmutableSortedDictionary<string, ImmutableArray<string>> before, ImmutableSortedDictionary<string, ImmutableArray<string>> after)
    {
        foreach (var client in before.Keys.Union(after.Keys))
        {
            var area = $"TrustModelData ({client})";
            var old = before.GetValueOrDefault(client, []);
            var now = after.GetValueOrDefault(client, []);

            // DNS names compare without case (RFC 4343), as the appender compares them.
            var added = now.Except(old, StringComparer.OrdinalIgnoreCase).Select(d => $"+ {d}").ToList();
            var removed = old.Except(now, StringComparer.OrdinalIgnoreCase).Select(d => $"- {d}").ToList();
            if (added.Count + removed.Count == 0 && !old.SequenceEqual(now, StringComparer.OrdinalIgnoreCase))
            {
                added.Add("~ order: " + string.Join(",", now));
            }

            foreach (var text in added.Concat(removed))
            {
                yield return new PlanChange(tenant, area, text);
            }
        }
    }

    private static IEnumerable<PlanChange> ZoneChanges(string tenant, string domain, ImmutableArray<RecordFact> before, ImmutableArray<RecordFact> after)
    {
        var area = $"DNS {domain}";
        var old = before.ToDictionary(r => r.Key, r => r.Ttl, StringComparer.Ordinal);
        var now = after.ToDictionary(r => r.Key, r => r.Ttl, StringComparer.Ordinal);
        foreach (var record in now.Keys.Except(old.Keys))
        {
            yield return new PlanChange(tenant, area, $"+ {record}");
        }

        foreach (var record in old.Keys.Except(now.Keys))
        {
            yield return new PlanChange(tenant, area, $"- {record}");
        }

        foreach (var record in old.Keys.Intersect(now.Keys).Where(r => old[r] != now[r]))
        {
            yield return new PlanChange(tenant, area, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"~ {record}: TTL {old[record]} → {now[record]}"));
        }
    }

    /// <summary>TMG section names are not case-sensitive (IFPCClientSettingsSection::Name).</summary>
    private static IEnumerable<PlanChange> TmgChanges(string tenant, ImmutableSortedDictionary<string, string> before, ImmutableSortedDictionary<string, string> after)
    {
        var old = before.ToDictionary(StringComparer.OrdinalIgnoreCase);
        var now = after.ToDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var key in now.Keys.Union(old.Keys, StringComparer.OrdinalIgnoreCase))
        {
            var text = (old.TryGetValue(key, out var was), now.TryGetValue(key, out var value)) switch
            {
                (false, _) => $"+ {key} {value}",
                (_, false) => $"- {key} {was}",
                _ when was != value => $"{key} {was} → {value}",
                _ => null,
            };
            if (text is not null)
            {
                yield return new PlanChange(tenant, "TMG", text);
            }
        }
    }

    private static IEnumerable<PlanChange> SetChanges(string tenant, string area, IEnumerable<string> before, IEnumerable<string> after, string addedText, string removedText, string addedNote = "", string removedNote = "")
    {
        var old = before.ToList();
        var now = after.ToList();
        return now.Except(old, StringComparer.Ordinal).Select(x => new PlanChange(tenant, area, addedText + x + addedNote))
            .Concat(old.Except(now, StringComparer.Ordinal).Select(x => new PlanChange(tenant, area, removedText + x + removedNote)));
    }
}
