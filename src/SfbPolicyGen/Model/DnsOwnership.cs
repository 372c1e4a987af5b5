using System.Collections.Immutable;

namespace SfbPolicyGen.Model;

/// <summary>An entry of <c>dns.manage</c> or <c>dns.keep</c>: one of the names the profiles publish at
/// (<see cref="DnsRecordSet.OwnerNames"/>), in every domain of the tenant (<c>sip</c>) or in one
/// (<c>sip.contoso.com</c>).</summary>
/// <param name="Domain">Null for every domain (and retired domain) of the tenant.</param>
public sealed record DnsNameScope(string Name, string? Domain)
{
    public bool Covers(string domain, string name) => Name == name && (Domain is null || Domain == domain);

    /// <summary>As policies.yaml writes it.</summary>
    public override string ToString() => Domain is null ? Name : $"{Name}.{Domain}";

    /// <summary>Trimmed, lowercased and without its final dot, then one of the tool's names alone or
    /// followed by a domain (normalised as every domain is: <see cref="DomainName"/>).</summary>
    /// <returns>Null with <paramref name="error"/> saying why.</returns>
    public static DnsNameScope? Parse(string raw, out string error)
    {
        var text = raw.Trim().TrimEnd('.').ToLowerInvariant();
        error = "";
        foreach (var name in DnsRecordSet.OwnerNames.OrderByDescending(n => n.Length))
        {
            if (text == name)
            {
                return new DnsNameScope(name, null);
            }

            if (text.StartsWith(name + ".", StringComparison.Ordinal))
            {
                if (DomainName.Normalize(text[(name.Length + 1)..], out var domainError) is { } domain)
                {
                    return new DnsNameScope(name, domain);
                }

                error = $"the part after '{name}.' is not a domain name: {domainError}";
                return null;
            }
        }

        error = $"give one of the names the profiles publish at ({string.Join(", ", DnsRecordSet.OwnerNames)}), alone for every domain or followed by one domain (sip.contoso.com)";
        return null;
    }
}

/// <summary>What the tool's DNS batches and scripts published in earlier runs, by domain, as the
/// previous manifest's facts say (each domain's wanted records and the records it still owns there):
/// the records a later run may replace or remove there, because this tool put them there (octoDNS's
/// ownership rule). Keyed by domain, not tenant, so that ownership follows a domain that moves.</summary>
public sealed class DnsHistory
{
    public static readonly DnsHistory None = new(new Dictionary<string, ImmutableArray<DnsRecord>>(StringComparer.Ordinal));

    private readonly IReadOnlyDictionary<string, ImmutableArray<DnsRecord>> _published;

    public DnsHistory(IReadOnlyDictionary<string, ImmutableArray<DnsRecord>> published) => _published = published;

    public ImmutableArray<DnsRecord> PublishedAt(string domain) => _published.GetValueOrDefault(domain, []);

    public bool IsEmpty => _published.Count == 0;

    /// <summary>Every record the previous facts show at each domain: wanted then, or still owned then.</summary>
    public static DnsHistory From(IEnumerable<TenantFacts> previous)
    {
        var published = new Dictionary<string, ImmutableArray<DnsRecord>>(StringComparer.Ordinal);
        foreach (var facts in previous)
        {
            foreach (var domain in facts.Dns.Keys.Union(facts.DnsPublished.Keys, StringComparer.Ordinal))
            {
                var records = facts.Dns.GetValueOrDefault(domain, []).Concat(facts.DnsPublished.GetValueOrDefault(domain, [])).Select(DnsRecord.FromFact);
                published[domain] = [.. published.GetValueOrDefault(domain, []).Concat(records).DistinctBy(r => r.Key)];
            }
        }

        return new DnsHistory(published);
    }
}

/// <summary>What the tool does at one of its names in one domain, whatever the zone holds there. The
/// one rule every DNS path follows (the RFC 2136 batches, the DNS Server script, verify-dns, plan):
/// <list type="bullet">
/// <item>a kept name (<c>dns.keep</c>) is left as it is;</item>
/// <item>with a wanted record: a name holding exactly it is right (its TTL set); holding exactly one
/// record the tool owns there, that record is replaced by the wanted one in one step; holding nothing
/// (for a CNAME: no record at all; for an SRV: no SRV and no CNAME), the record is added; holding
/// anything else, it is a conflict: nothing is added beside it, nothing removed;</item>
/// <item>without one: the records the tool owns there are removed; anything else stays.</item>
/// </list>
/// The tool owns a record when it published it in an earlier run (<see cref="DnsHistory"/>), or when
/// the policy says so: a Microsoft record (<see cref="DnsRecordSet.MicrosoftRecords"/>) at a name of
/// <c>dns.manage</c>, or at any name of a retired domain. A first deployment owns nothing it did not
/// add: it deletes nothing (README, "DNS").</summary>
/// <param name="Wanted">The record the profile publishes here, or null.</param>
/// <param name="Owned">The other records the tool may replace or remove here, in zone order.</param>
/// <param name="Retired">The domain is in retired.domains: nothing is wanted, every Microsoft record is owned.</param>
public sealed record DnsNameRule(string Domain, string Name, DnsRecord? Wanted, ImmutableArray<DnsRecord> Owned, bool Kept, bool Retired)
{
    /// <summary>The type of record at this name in every profile: CNAME at sip and lyncdiscover, SRV at the others.</summary>
    public string Type => DnsRecordSet.TypeAt(Name);

    public string Owner => $"{Name}.{Domain}.";

    /// <summary>Whether any path has something to do or say here.</summary>
    public bool Matters => Kept || Wanted is not null || !Owned.IsEmpty;

    /// <summary>Whether a record of <paramref name="type"/> at <paramref name="name"/> bears on the rule: at
    /// a CNAME name every record does, since a CNAME cannot share its name (RFC 1034 section 3.6.2); at an
    /// SRV name only an SRV (another one would split the traffic) or a CNAME does, not a TXT beside it.
    /// Import keeps or explains exactly these records (README, "Import").</summary>
    public static bool Counts(string name, string type) => DnsRecordSet.TypeAt(name) == "CNAME" || type is "SRV" or "CNAME";

    /// <summary>What the rule does to a name holding <paramref name="present"/> (every record at the name,
    /// any type; data in presentation form, compared without case as DNS names are, RFC 4343).</summary>
    public DnsDecision Decide(IReadOnlyList<PresentRecord> present)
    {
        if (Kept)
        {
            return new DnsDecision(DnsStep.Kept, null, present, []);
        }

        bool Owns(PresentRecord record) => Owned.Any(o => record.Is(o));
        if (Wanted is { } wanted)
        {
            var relevant = present.Where(r => Counts(Name, r.Type)).ToList();
            return relevant switch
            {
                [] => new DnsDecision(DnsStep.Add, null, [], []),
                [var only] when only.Is(wanted) => new DnsDecision(only.Ttl == wanted.Ttl ? DnsStep.Right : DnsStep.SetTtl, only, [], []),
                [var only] when Owns(only) => new DnsDecision(DnsStep.Replace, only, [], []),
                _ => new DnsDecision(DnsStep.Conflict, null, relevant, []),
            };
        }

        var removed = present.Where(Owns).ToList();
        return new DnsDecision(removed.Count > 0 ? DnsStep.Remove : DnsStep.Right, null, [], removed);
    }
}

/// <summary>A record a name holds, as a server answers it.</summary>
/// <param name="Data">RDATA in presentation form, absolute names with their final dot.</param>
public sealed record PresentRecord(string Type, string Data, int Ttl)
{
    public bool Is(DnsRecord record) => Type == record.Type && string.Equals(Data, record.Data, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Type} {Data}";
}

public enum DnsStep
{
    /// <summary>Nothing to do: the wanted record is there, or nothing the tool owns is.</summary>
    Right,

    /// <summary>The wanted record is there with another TTL.</summary>
    SetTtl,

    Add,

    /// <summary>A record the tool owns is replaced by the wanted one, in one step.</summary>
    Replace,

    /// <summary>The records the tool owns at a name it no longer wants are removed.</summary>
    Remove,

    /// <summary>Someone else's record holds a name the profile wants: nothing is done.</summary>
    Conflict,

    /// <summary>The name is in dns.keep.</summary>
    Kept,
}

/// <param name="Found">The record that is there (Right, SetTtl, Replace).</param>
/// <param name="Blocking">What holds the name (Conflict), or what it holds (Kept).</param>
/// <param name="Removed">The tool's records removed (Remove).</param>
public sealed record DnsDecision(DnsStep Step, PresentRecord? Found, IReadOnlyList<PresentRecord> Blocking, IReadOnlyList<PresentRecord> Removed);

/// <summary>Each domain's rules: the tenant's domains then its retired ones, each in ordinal order, and
/// in each the tool's names in ordinal order (<see cref="DnsRecordSet.OwnerNames"/>).</summary>
public static class DnsRules
{
    public static IEnumerable<(string Domain, bool Retired, ImmutableArray<DnsNameRule> Names)> For(TenantPolicy tenant, DnsHistory history)
    {
        foreach (var domain in tenant.SortedDomains)
        {
            yield return (domain, false, ForDomain(tenant, domain, retired: false, history));
        }

        foreach (var domain in tenant.Retired.Domains.Order(StringComparer.Ordinal))
        {
            yield return (domain, true, ForDomain(tenant, domain, retired: true, history));
        }
    }

    public static ImmutableArray<DnsNameRule> ForDomain(TenantPolicy tenant, string domain, bool retired, DnsHistory history)
    {
        // Plain loops: this runs for every name of every domain, three times a tenant (zone, batches,
        // DNS Server script), and LINQ's iterators were a large part of what a generate allocated.
        var dns = tenant.Dns;
        var published = history.PublishedAt(domain);
        var rules = ImmutableArray.CreateBuilder<DnsNameRule>(DnsRecordSet.OwnerNames.Length);
        var owned = new List<DnsRecord>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in DnsRecordSet.OwnerNames)
        {
            var wanted = retired ? null : dns.RecordAt(name);
            owned.Clear();
            keys.Clear();
            void Own(DnsRecord record)
            {
                if ((wanted is null || record.Key != wanted.Key) && keys.Add(record.Key))
                {
                    owned.Add(record);
                }
            }

            foreach (var record in published)
            {
                if (record.Name == name)
                {
                    Own(record.Ttl == dns.Ttl ? record : record with { Ttl = dns.Ttl });
                }
            }

            if (retired || dns.Manages(domain, name))
            {
                foreach (var record in DnsRecordSet.MicrosoftRecordsAt(name, dns.Ttl))
                {
                    Own(record);
                }
            }

            rules.Add(new DnsNameRule(domain, name, wanted, owned.Count == 0 ? [] : [.. DnsRecordSet.InZoneOrder(owned)], dns.IsKept(domain, name), retired));
        }

        return rules.MoveToImmutable();
    }

    /// <summary>The records a tenant still owns at each of its domains (and retired domains) without
    /// wanting them: what it published before, as <paramref name="history"/> says. Kept in the manifest
    /// so that ownership outlives the run that changed the policy (a second generate before the batches
    /// are applied must not forget it).</summary>
    public static ImmutableSortedDictionary<string, ImmutableArray<DnsRecord>> StillOwned(TenantPolicy tenant, DnsHistory history) => history.IsEmpty
        ? ImmutableSortedDictionary.Create<string, ImmutableArray<DnsRecord>>(StringComparer.Ordinal)
        : tenant.Domains.Concat(tenant.Retired.Domains)
            .Select(domain =>
            {
                var wanted = tenant.Retired.Domains.Contains(domain) ? [] : tenant.Dns.RecordsAt(domain).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
                return (Domain: domain, Records: DnsRecordSet.InZoneOrder(history.PublishedAt(domain).Where(r => !wanted.Contains(r.Key))).ToImmutableArray());
            })
            .Where(d => !d.Records.IsEmpty)
            .ToImmutableSortedDictionary(d => d.Domain, d => d.Records, StringComparer.Ordinal);
}
