using SfbPolicyGen.Output;

namespace SfbPolicyGen.Plan;

/// <summary>One change, in the domain's words: <c>TrustModelData (skype2016): + contoso.de</c>.</summary>
/// <param name="Area">What changes (TrustModelData (client), DNS domain, TMG, ADMX, Active Directory, Files).</param>
public sealed record PlanChange(string Tenant, string Area, string Text);

/// <summary>What <c>generate</c> would change in an output folder, said the way a reviewer thinks of it:
/// trusted domains added or dropped per client, DNS records per domain, TMG keys, ADMX policies,
/// AD users, then files added, removed or changed. The committed artifacts (listed by the folder's
/// manifest) and the new ones are read back by the same readers (<see cref="ArtifactReader"/>), so
/// a plan from A to B is exactly the inverse of the plan from B to A. Determinism: tenants, then
/// areas, then changes in ordinal order ('+' before '-' within an area).</summary>
public static class Planner
{
    public static IReadOnlyList<PlanChange> Compute(string outDirectory, GeneratedTree tree)
    {
        var old = Directory.Exists(outDirectory)
            ? Manifest.ReadEntries(outDirectory)
                .Where(e => File.Exists(OutputFolder.Resolve(outDirectory, e.Path)))
                .ToDictionary(e => e.Path, e => (e.Kind, Bytes: File.ReadAllBytes(OutputFolder.Resolve(outDirectory, e.Path))), StringComparer.Ordinal)
            : [];
        var current = tree.Files.Where(f => f.Path != Writers.ArtifactPaths.Manifest)
            .ToDictionary(f => f.Path, f => (Kind: f.Format.ManifestName, f.Bytes), StringComparer.Ordinal);
        return Compare(old, current);
    }

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/> (path → kind and bytes).</summary>
    public static IReadOnlyList<PlanChange> Compare(IReadOnlyDictionary<string, (string Kind, byte[] Bytes)> before, IReadOnlyDictionary<string, (string Kind, byte[] Bytes)> after)
    {
        var changes = new List<PlanChange>();
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var tenant = path.Split('/')[0];
            var had = before.TryGetValue(path, out var b);
            var has = after.TryGetValue(path, out var a);
            if (had && has && b.Bytes.AsSpan().SequenceEqual(a.Bytes))
            {
                continue;
            }

            changes.Add(new PlanChange(tenant, "Files", $"{(!had ? "+" : !has ? "-" : "~")} {path[(tenant.Length + 1)..]}"));
            var kind = has ? a.Kind : b.Kind;
            var oldBytes = had ? b.Bytes : [];
            var newBytes = has ? a.Bytes : [];
            changes.AddRange(kind switch
            {
                "reg" => TrustChanges(tenant, ArtifactReader.TrustModelData(oldBytes), ArtifactReader.TrustModelData(newBytes)),
                "zone" => ZoneChanges(tenant, Path.GetFileNameWithoutExtension(path), ArtifactReader.ZoneRecords(oldBytes), ArtifactReader.ZoneRecords(newBytes)),
                "tmg-client-ini" => TmgChanges(tenant, ArtifactReader.TmgKeys(oldBytes), ArtifactReader.TmgKeys(newBytes)),
                "admx" => SetChanges(tenant, "ADMX", ArtifactReader.AdmxPolicies(oldBytes), ArtifactReader.AdmxPolicies(newBytes), "new policy for ", "policy removed for "),
                "ldif" => SetChanges(tenant, "Active Directory", ArtifactReader.LdifNames(oldBytes), ArtifactReader.LdifNames(newBytes), "+ msRTCSIP-UserEnabled TRUE for ", "- no longer set for "),
                _ => [],
            });
        }

        return [.. changes
            .OrderBy(c => c.Tenant, StringComparer.Ordinal)
            .ThenBy(c => c.Area == "Files" ? 1 : 0)
            .ThenBy(c => c.Area, StringComparer.Ordinal)
            .ThenBy(c => c.Text, StringComparer.Ordinal)];
    }

    private static IEnumerable<PlanChange> TrustChanges(string tenant, Dictionary<string, List<string>> before, Dictionary<string, List<string>> after)
    {
        foreach (var client in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var area = $"TrustModelData ({client})";
            var old = before.GetValueOrDefault(client) ?? [];
            var now = after.GetValueOrDefault(client) ?? [];
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

    private static IEnumerable<PlanChange> ZoneChanges(string tenant, string domain, Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var area = $"DNS {domain}";
        foreach (var record in after.Keys.Except(before.Keys))
        {
            yield return new PlanChange(tenant, area, $"+ {record}");
        }

        foreach (var record in before.Keys.Except(after.Keys))
        {
            yield return new PlanChange(tenant, area, $"- {record}");
        }

        foreach (var record in before.Keys.Intersect(after.Keys).Where(r => before[r] != after[r]))
        {
            yield return new PlanChange(tenant, area, $"~ {record}: TTL {before[record]} → {after[record]}");
        }
    }

    private static IEnumerable<PlanChange> TmgChanges(string tenant, Dictionary<string, string> before, Dictionary<string, string> after)
    {
        foreach (var key in after.Keys.Union(before.Keys).Order(StringComparer.Ordinal))
        {
            var text = (before.TryGetValue(key, out var old), after.TryGetValue(key, out var now)) switch
            {
                (false, _) => $"+ {key} {now}",
                (_, false) => $"- {key} {old}",
                _ when old != now => $"{key} {old} → {now}",
                _ => null,
            };
            if (text is not null)
            {
                yield return new PlanChange(tenant, "TMG", text);
            }
        }
    }

    private static IEnumerable<PlanChange> SetChanges(string tenant, string area, IEnumerable<string> before, IEnumerable<string> after, string addedText, string removedText)
    {
        var old = before.ToList();
        var now = after.ToList();
        return now.Except(old, StringComparer.Ordinal).Select(x => new PlanChange(tenant, area, addedText + x))
            .Concat(old.Except(now, StringComparer.Ordinal).Select(x => new PlanChange(tenant, area, removedText + x)));
    }
}
