using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Writers;

/// <summary>One BIND zone snippet per domain (DOMAIN.md section 6), with $ORIGIN so it can be
/// $INCLUDEd or read on its own. Names are relative to the domain; targets absolute with their
/// trailing dot; TTLs numeric; no serial or date. Every name passed DomainName's validator, which is
/// what makes it safe in zone text. Ordering: by owner name (ordinal), then type, then RDATA;
/// snippets in ordinal order of domain (the output stage sorts paths).</summary>
internal static class ZoneWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.Dns.Records.IsEmpty)
        {
            yield break;
        }

        var records = tenant.Dns.RecordsInZoneOrder.ToList();
        var nameWidth = records.Max(r => r.Name.Length);
        var recordModels = List(records.Select(r => Record(("name", r.Name), ("ttl", r.Ttl), ("type", r.Type), ("data", r.Data))));
        foreach (var domain in tenant.SortedDomains)
        {
            var model = Record(
                ("tenant", tenant.Name),
                ("source", tenant.SourceLabel),
                ("domain", domain),
                ("profile", tenant.Dns.Profile.YamlName()),
                ("cloud", tenant.Dns.Cloud.YamlName()),
                ("ttl", tenant.Dns.Ttl),
                ("notes", List(Notes(tenant.Dns))),
                ("name_width", nameWidth),
                ("records", recordModels));
            yield return new Artifact(tenant.Name, ArtifactKind.Zone, ArtifactPaths.Zone(tenant.Name, domain), context.Templates.Render(TemplateSet.Zone, model), Domain: domain);
        }
    }

    /// <summary>Says where a sip target of the troubleshooting profile comes from: the French article
    /// and Microsoft's DNS reference disagree (DOMAIN.md section 6).</summary>
    private static IEnumerable<string> Notes(DnsPolicy dns)
    {
        if (dns.UsesSeedSipTarget)
        {
            yield return $"sip target {DnsCloudTargets.SeedSipTarget} is the French troubleshooting article's value; its English";
            yield return $"edition and Microsoft's DNS reference give {DnsCloudTargets.For(DnsCloud.Worldwide).SipDir} (set dns.sipTarget to choose).";
        }
    }
}
