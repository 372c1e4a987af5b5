using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Dns;

/// <summary>One BIND zone snippet per domain (docs/DNS.md, "Zone text"), with $ORIGIN so it can be
/// $INCLUDEd or read on its own. Names are relative to the domain; targets absolute with their
/// trailing dot; TTLs numeric; no serial or date. Its comments state the rule every DNS file follows
/// (<see cref="DnsNameRule"/>): where a record goes, what is removed, what is left alone. Every name passed
/// DomainName's validator, which is what makes it safe in zone text. Ordering: by owner name (ordinal),
/// then type, then RDATA; snippets in ordinal order of domain (the output stage sorts paths).</summary>
internal static class ZoneWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.Dns.Records.IsEmpty)
        {
            yield break;
        }

        var nameWidth = tenant.Dns.Records.Max(r => r.Name.Length);
        foreach (var domain in tenant.SortedDomains)
        {
            var rules = DnsRules.ForDomain(tenant, domain, retired: false, context.History);
            var model = Record(
                ("tenant", tenant.Name),
                ("source", tenant.SourceLabel),
                ("domain", domain),
                ("profile", tenant.Dns.Profile.YamlName()),
                ("cloud", tenant.Dns.Cloud.YamlName()),
                ("ttl", tenant.Dns.Ttl),
                ("notes", List(Notes(tenant.Dns, rules))),
                ("name_width", nameWidth),
                ("records", List(tenant.Dns.RecordsAt(domain).Select(r => Record(("name", r.Name), ("ttl", r.Ttl), ("type", r.Type), ("data", r.Data))))));
            yield return new Artifact(tenant.Name, DnsKinds.Zone, DnsKinds.Zone.PathOf(tenant.Name, domain), context.Templates.Render(DnsConcern.Template.Zone, model), Domain: domain);
        }
    }

    /// <summary>Where a sip target of the troubleshooting profile comes from (the French article and
    /// Microsoft's DNS reference disagree, docs/DNS.md, "The records"), then the rule of this domain's names.</summary>
    private static IEnumerable<string> Notes(DnsPolicy dns, IReadOnlyList<DnsNameRule> rules)
    {
        if (dns.UsesSeedSipTarget)
        {
            yield return $"sip target {DnsCloudTargets.SeedSipTarget} is the French troubleshooting article's value; its English";
            yield return $"edition and Microsoft's DNS reference give {DnsCloudTargets.For(DnsCloud.Worldwide).SipDir} (set dns.sipTarget to choose).";
        }

        yield return "Each record below goes where its name holds nothing, or replaces a record of this tool's there;";
        yield return "a name holding any other record is a conflict: add nothing beside it (remove it, or dns.keep).";
        var removed = rules.Where(r => !r.Kept && r.Wanted is null).SelectMany(r => r.Owned).ToList();
        if (removed.Count > 0)
        {
            yield return "Remove, where the zone holds them, these records of this tool's that the profile no longer wants:";
            foreach (var record in removed)
            {
                yield return $"  {record.Name} {record.Type} {record.Data}";
            }
        }

        yield return "Any other record at sip, lyncdiscover, _sip._tls or _sipfederationtls._tcp stays (Microsoft's too:";
        yield return "this tool removes only what it published, or what dns.manage or a retired domain gives it).";
        if (rules.Where(r => r.Kept).Select(r => r.Name).ToList() is { Count: > 0 } kept)
        {
            yield return $"Kept as they are (dns.keep): {string.Join(", ", kept)}.";
        }
    }
}
