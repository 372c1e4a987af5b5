using System.Collections.Immutable;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Schema;

namespace SfbPolicyGen.Import;

/// <summary>What the readers found → <see cref="ImportedPolicy"/>. Two sources that disagree are an
/// error naming both places (SFB048), except where a rule decides, which the notes then state:
/// <list type="bullet">
/// <item>HKEY_LOCAL_MACHINE over HKEY_CURRENT_USER for one client (machine policy ranks above user
/// policy, docs/REGISTRY.md, "TrustModelData"); a value read from HKEY_CURRENT_USER alone is deployed under
/// HKEY_LOCAL_MACHINE, as every artifact of the tool is.</item>
/// <item>Clients holding different values: policies.yaml has one value for all its clients, so it
/// takes their union, in client order (Communicator, Lync 2013, Skype for Business) and each value's
/// order: a trust list only widens, so no client loses an entry (the issue: "one typo and the first
/// deploy drops a trusted domain").</item>
/// <item>An entry listed twice in a value is kept once (the client reads it once).</item>
/// </list>
/// The value is laid out by <see cref="TrustValueLayout"/>, the zones read by <see cref="DnsProfileMatcher"/>
/// (with the names dns.keep must hold so that deploying the policy changes nothing the zones hold).</summary>
public static class ImportMapper
{
    /// <param name="givenDomains">Domains named on the command line (--domain without --server).</param>
    /// <param name="tenant">--tenant, already checked; null to derive it from the first domain.</param>
    /// <returns>The mapping; null after an error.</returns>
    public static ImportedPolicy? Map(ImportFindings findings, IReadOnlyList<Sourced<string>> givenDomains, string? tenant, DiagnosticBag diagnostics)
    {
        var notes = new List<string>(findings.Notes.Concat(findings.Ignored));
        var domains = Domains(findings.Zones, givenDomains);
        var (trust, order) = Trust(findings.TrustValues, [.. domains.Select(d => d.Value)], notes, diagnostics);
        domains = [.. order.Select(d => domains.First(s => s.Value == d))];
        var (dns, kept, unmapped) = Dns(findings.Zones, notes, diagnostics);
        var gpo = GpoName(findings.GpoNames, diagnostics);
        if (diagnostics.HasErrors)
        {
            return null;
        }

        var (name, from) = tenant is not null ? (tenant, "--tenant")
            : domains.Length > 0 ? (PolicyFileTemplate.TenantFor(domains[0].Value), $"from the first domain, {domains[0].Value} (--tenant to choose)")
            : ("", "");
        return new ImportedPolicy(name, from, domains, trust, dns, gpo, kept, unmapped, [.. notes]) { Zones = [.. findings.Zones] };
    }

    /// <summary>The zones' domains, then those given on the command line, each once (with every place it was read).</summary>
    private static ImmutableArray<Sourced<string>> Domains(IEnumerable<ZoneFound> zones, IEnumerable<Sourced<string>> given) =>
        [.. zones.Select(z => new Sourced<string>(z.Domain, z.DomainAt)).Concat(given)
            .GroupBy(d => d.Value, StringComparer.Ordinal)
            .Select(g => new Sourced<string>(g.Key, [.. g.SelectMany(d => d.From)]))];

    /// <returns>The trustModelData section (null when no source sets a value), and the order to write
    /// the domains in (the value's, so that the merge gives it back).</returns>
    private static (ImportedTrust? Trust, IReadOnlyList<string> DomainOrder) Trust(IReadOnlyList<TrustValueFound> values, IReadOnlyList<string> domains, List<string> notes, DiagnosticBag diagnostics)
    {
        var chosen = new List<(TrustClient Client, TrustValueFound Found, IReadOnlyList<Origin> From)>();
        foreach (var client in TrustClient.All)
        {
            var machine = Agreed(values.Where(v => v.Client == client && v.IsMachine).ToList(), diagnostics);
            var user = Agreed(values.Where(v => v.Client == client && !v.IsMachine).ToList(), diagnostics);
            if (machine is not null && user is not null && !SameValue(machine.Value.Found, user.Value.Found))
            {
                notes.Add($"{client.Id}: HKEY_LOCAL_MACHINE ({Origin.Few(machine.Value.From)}) and HKEY_CURRENT_USER ({Origin.Few(user.Value.From)}) differ; machine policy ranks above user policy, so HKEY_LOCAL_MACHINE's is read");
            }
            else if (machine is null && user is not null)
            {
                notes.Add($"{client.Id}: TrustModelData is read from HKEY_CURRENT_USER ({Origin.Few(user.Value.From)}); the policy deploys it under HKEY_LOCAL_MACHINE, as a machine policy");
            }

            var picked = machine is not null && user is not null && SameValue(machine.Value.Found, user.Value.Found)
                ? (machine.Value.Found, [.. machine.Value.From, .. user.Value.From])
                : machine ?? user;
            if (picked is { } some)
            {
                chosen.Add((client, some.Found, some.From));
            }
        }

        var set = chosen.Where(c => c.Found.Entries is not null).ToList();
        var retired = chosen.Where(c => c.Found.Entries is null).Select(c => new Sourced<TrustClient>(c.Client, c.From)).ToImmutableArray();
        if (set.Count == 0)
        {
            if (retired.Length > 0)
            {
                notes.Add($"the sources delete TrustModelData of {string.Join(", ", retired.Select(r => r.Value.Id))} ({Origin.Few(retired.SelectMany(r => r.From))}) and set it for no client: trustModelData keeps init's defaults; list retired clients by hand");
            }

            return (null, domains);
        }

        var value = Union(set, notes);
        var layout = TrustValueLayout.Split([.. value.Select(v => v.Value)], domains);
        var where = Origin.Few(set.SelectMany(s => s.From));
        if (layout.Whole)
        {
            notes.Add($"the value ({where}) cannot be written as existing, Microsoft's defaults, domains and add in its order (a tenant's domain comes after another entry): trustModelData.existing holds the whole value, so generate keeps its order");
        }

        var missingDefaults = TrustListMerger.MicrosoftDefaults.Where(d => !value.Any(v => v.Value == d)).ToList();
        if (!layout.KeepMicrosoftDefaults)
        {
            notes.Add($"the value ({where}) lacks Microsoft's default{(missingDefaults.Count == 1 ? "" : "s")} {string.Join(", ", missingDefaults)}: keepMicrosoftDefaults is false so that generate deploys the value as it is (validate warns, SFB102); set it to true to add them, as the article asks");
        }

        var added = domains.Where(d => !value.Any(v => v.Value == d)).ToList();
        if (added.Count > 0)
        {
            notes.Add($"generate adds {string.Join(", ", added)} to the value, after the tenant's other domains: {(added.Count == 1 ? "a domain" : "domains")} of the tenant the deployed value ({where}) does not list");
        }

        var defaultsAt = Enumerable.Range(0, value.Length).Where(i => TrustListMerger.MicrosoftDefaults.Contains(value[i].Value)).Select(i => i + 1).ToList();
        var trust = new ImportedTrust(
            [.. set.Select(s => new Sourced<TrustClient>(s.Client, s.From))],
            retired,
            [.. layout.Existing.Select(i => value[i])],
            new Sourced<bool>(layout.KeepMicrosoftDefaults, [.. set[0].From.Select(o => defaultsAt.Count > 0 ? o.Names(defaultsAt) : o)]),
            [.. layout.Add.Select(i => value[i])],
            value);
        return (trust, layout.Domains);
    }

    /// <summary>One client's value as one hive's sources give it: all agree (their places kept), or the
    /// second that differs is reported with the first (SFB048).</summary>
    private static (TrustValueFound Found, IReadOnlyList<Origin> From)? Agreed(List<TrustValueFound> found, DiagnosticBag diagnostics)
    {
        if (found.Count == 0)
        {
            return null;
        }

        foreach (var other in found.Skip(1).Where(f => !SameValue(f, found[0])))
        {
            Conflict(diagnostics, other.At, $"TrustModelData of {other.Client.Id} ({other.Hive}) is {Describe(other)} here but {Describe(found[0])} at {found[0].At.Shown}; give one value per client (or one source)");
        }

        return (found[0], [.. found.Select(f => f.At)]);
    }

    private static bool SameValue(TrustValueFound a, TrustValueFound b) =>
        a.Entries is null ? b.Entries is null : b.Entries is not null && a.Entries.Value.SequenceEqual(b.Entries.Value, StringComparer.Ordinal);

    private static string Describe(TrustValueFound found) =>
        found.Entries is { } entries ? $"'{FreeText.Shown(string.Join(',', entries))}'" : "deleted";

    /// <summary>The clients' values as one: the first client's entries, then each other's that are new;
    /// every entry with the place (and position) it was read.</summary>
    private static ImmutableArray<Sourced<string>> Union(List<(TrustClient Client, TrustValueFound Found, IReadOnlyList<Origin> From)> set, List<string> notes)
    {
        var union = new List<Sourced<string>>();
        foreach (var (client, found, from) in set)
        {
            var entries = found.Entries!.Value;
            for (var i = 0; i < entries.Length; i++)
            {
                if (!union.Any(u => u.Value == entries[i]))
                {
                    union.Add(new Sourced<string>(entries[i], [.. from.Select(o => o.Name(i + 1))]));
                }
            }

            foreach (var twice in entries.GroupBy(e => e, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                notes.Add($"{client.Id}'s value ({Origin.Few(from)}) lists {twice.Key} {twice.Count()} times; the client reads it once, and so does the policy");
            }
        }

        if (set.Skip(1).Any(s => !s.Found.Entries!.Value.SequenceEqual(set[0].Found.Entries!.Value, StringComparer.Ordinal)))
        {
            var each = string.Join("; ", set.Select(s => $"{s.Client.Id}: {s.Found.Entries!.Value.Length} entries ({Origin.Few(s.From)})"));
            notes.Add($"the clients hold different values ({each}); policies.yaml sets one value for every client: import takes their union in client order, so that no client loses an entry (generate adds the others' entries to each)");
        }

        return [.. union];
    }

    /// <summary>The dns section the zones' records are, and the names dns.keep must hold (<see cref="DnsProfileMatcher"/>).</summary>
    private static (ImportedDns? Dns, ImmutableArray<KeptName> Kept, ImmutableArray<UnmappedRecord> Unmapped) Dns(IReadOnlyList<ZoneFound> zones, List<string> notes, DiagnosticBag diagnostics)
    {
        var match = DnsProfileMatcher.Read(zones);
        var kept = match.KeptNames().ToImmutableArray();
        var unmapped = match.Fits.SelectMany(f => f.Zone.Unmapped).ToImmutableArray();
        if (match.Tie is { } tie)
        {
            var places = tie.BestExplained.Concat(tie.RivalExplained).ToHashSet();
            var domains = match.Fits.Where(f => f.Zone.AtNames.Values.Any(held => held.Any(h => places.Contains(h.Found)))).Select(f => f.Zone.Zone.Domain);
            Conflict(diagnostics, tie.RivalExplained[0].At,
                $"the records of {string.Join(", ", domains)} fit two profiles as well: {tie.Best} ({Origin.Few(tie.BestExplained.Select(e => e.At))}) and {tie.Rival} ({Origin.Few(tie.RivalExplained.Select(e => e.At))}); no rule chooses between them: import without this zone, then write its dns section by hand (the other's names in dns.keep)");
        }

        foreach (var (zone, first) in match.Mismatches)
        {
            Conflict(diagnostics, zone.Explained[0].At,
                $"the records of {zone.Zone.Zone.Domain} match {zone.Reading} but those of {first.Zone.Zone.Domain} ({first.Explained[0].At.Shown}) match {first.Reading}; one policy has one dns section for all its domains");
        }

        if (match.Chosen is not { } best)
        {
            foreach (var fit in match.Fits)
            {
                notes.Add($"{fit.Zone.Zone.Source} holds none of the records a profile publishes for {fit.Zone.Zone.Domain}");
            }

            if (match.Fits.Length > 0)
            {
                notes.Add("no zone holds a Skype for Business record of a profile: the dns section keeps init's defaults (troubleshooting)");
            }

            return (null, kept, unmapped);
        }

        foreach (var fit in match.Fits.Where(f => !f.Added.IsEmpty))
        {
            notes.Add($"{fit.Zone.Zone.Source} holds nothing at {string.Join(", ", fit.Added.Select(a => a.Name))} of {fit.Zone.Zone.Domain}: the DNS files add the {best.Profile.YamlName()} profile's records there ({string.Join("; ", fit.Added.Select(a => a.Key))})");
        }

        var explained = match.Fits.SelectMany(f => f.Explained).ToList();
        foreach (var differs in explained.Where(e => e.Ttl != explained[0].Ttl).Take(1))
        {
            Conflict(diagnostics, differs.At, $"{differs.Owner} {differs.Type} has the TTL {differs.Ttl}, but {explained[0].Owner} {explained[0].Type} ({explained[0].At.Shown}) has {explained[0].Ttl}; dns.ttl is one TTL for every record");
        }

        var all = explained.Select(e => e.At).ToList();
        var sip = explained.FirstOrDefault(e => e.Owner.StartsWith("sip.", StringComparison.Ordinal));
        var lyncdiscover = explained.Where(e => e.Owner.StartsWith("lyncdiscover.", StringComparison.Ordinal)).Select(e => e.At).ToList();
        var dns = new ImportedDns(
            new Sourced<DnsProfile>(best.Profile, all),
            best.Cloud is { } c ? new Sourced<DnsCloud>(c, all) : null,
            best.HasDefaultSipTarget ? null : new Sourced<string>(best.SipTarget!, sip is null ? all : [sip.At]),
            best.Lyncdiscover is { } l ? new Sourced<bool>(l, l && lyncdiscover.Count > 0 ? lyncdiscover : all) : null,
            new Sourced<int>(explained[0].Ttl, all));
        return (dns, kept, unmapped);
    }

    private static Sourced<string>? GpoName(List<Sourced<string>> names, DiagnosticBag diagnostics)
    {
        foreach (var other in names.Skip(1).Where(n => n.Value != names[0].Value))
        {
            Conflict(diagnostics, other.From[0], $"the GPO is named '{FreeText.Shown(other.Value)}' here but '{FreeText.Shown(names[0].Value)}' at {names[0].Where}; gpo.name is one GPO");
        }

        return names.Count == 0 ? null : new Sourced<string>(names[0].Value, [.. names.SelectMany(n => n.From)]);
    }

    /// <summary>SFB048: two sources that disagree where no rule decides; the message names the other place.</summary>
    private static void Conflict(DiagnosticBag diagnostics, Origin at, string message) =>
        diagnostics.Error(DiagnosticCodes.ImportConflict, at.At, message);
}
