using System.Globalization;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Writers;

/// <summary>dns/Add-DnsServerRecords.ps1: brings a Windows DNS Server (DnsServer module) to the records
/// of the zone snippets. Under the tenant's domains and its retired domains, at the names any profile
/// publishes (<see cref="DnsRecordSet.OwnerNames"/>), it keeps what is wanted, removes a CNAME or SRV
/// pointing to one of Microsoft's targets that is not (<see cref="DnsCloudTargets.MicrosoftTargets"/>:
/// only what provably came from a Skype for Business setup, octoDNS's ownership rule), reports
/// anything else as a conflict, and adds what is missing. Names and targets passed DomainName's
/// validator; they still reach the script as single-quoted literals. Determinism: domains in ordinal
/// order (the tenant's, then the retired ones), names in ordinal order, records in zone order
/// (DnsRecordSet.InZoneOrder).</summary>
internal static class DnsServerScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.Dns.Records.IsEmpty)
        {
            yield break;
        }

        var records = tenant.SortedDomains.SelectMany(domain => tenant.Dns.RecordsInZoneOrder.Select(r => Record(
            ("zone", PowerShellText.SingleQuoted(domain)),
            ("name", PowerShellText.SingleQuoted(r.Name)),
            ("type", PowerShellText.SingleQuoted(r.Type)),
            ("target", PowerShellText.SingleQuoted(r.AbsoluteTarget)),
            ("priority", r.Priority.ToString(CultureInfo.InvariantCulture)),
            ("weight", r.Weight.ToString(CultureInfo.InvariantCulture)),
            ("port", r.Port.ToString(CultureInfo.InvariantCulture)),
            ("ttl", r.Ttl.ToString(CultureInfo.InvariantCulture)))));
        var zones = tenant.SortedDomains.Select(domain => Zone(domain, retired: false))
            .Concat(tenant.Retired.Domains.Order(StringComparer.Ordinal).Select(domain => Zone(domain, retired: true)));
        var model = Record(
            ("tenant", tenant.Name),
            ("source", tenant.SourceLabel),
            ("profile", tenant.Dns.Profile.YamlName()),
            ("cloud", tenant.Dns.Cloud.YamlName()),
            ("records", List(records)),
            ("zones", List(zones)),
            ("names", List(DnsRecordSet.OwnerNames.Select(PowerShellText.SingleQuoted))),
            ("microsoft_targets", List(DnsCloudTargets.MicrosoftTargets.Select(PowerShellText.SingleQuoted))));
        yield return new Artifact(tenant.Name, ArtifactKind.DnsServerScript, ArtifactPaths.DnsServerScript(tenant.Name), context.Templates.Render(TemplateSet.DnsServerScript, model));
    }

    private static Scriban.Runtime.ScriptObject Zone(string domain, bool retired) => Record(
        ("zone", PowerShellText.SingleQuoted(domain)),
        ("retired", retired ? "$true" : "$false"));
}
