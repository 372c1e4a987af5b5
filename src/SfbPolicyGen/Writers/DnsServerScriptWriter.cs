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

        // Every record of every domain, in that order: made as the template reads them.
        var domains = tenant.SortedDomains.ToArray();
        var inZoneOrder = tenant.Dns.RecordsInZoneOrder.ToArray();
        var records = Projected(domains.Length * inZoneOrder.Length, i => RecordRow(domains[i / inZoneOrder.Length], inZoneOrder[i % inZoneOrder.Length]));
        var retired = tenant.Retired.Domains.Order(StringComparer.Ordinal).ToArray();
        var zones = Projected(domains.Length + retired.Length, i => i < domains.Length ? Zone(domains[i], retired: false) : Zone(retired[i - domains.Length], retired: true));
        var model = Record(
            ("tenant", tenant.Name),
            ("source", tenant.SourceLabel),
            ("profile", tenant.Dns.Profile.YamlName()),
            ("cloud", tenant.Dns.Cloud.YamlName()),
            ("records", records),
            ("zones", zones),
            ("names", List(DnsRecordSet.OwnerNames.Select(PowerShellText.SingleQuoted))),
            ("microsoft_targets", List(DnsCloudTargets.MicrosoftTargets.Select(PowerShellText.SingleQuoted))));
        yield return new Artifact(tenant.Name, ArtifactKind.DnsServerScript, ArtifactPaths.DnsServerScript(tenant.Name), context.Templates.Render(TemplateSet.DnsServerScript, model));
    }

    private static Scriban.Runtime.ScriptObject RecordRow(string domain, DnsRecord record) => Record(
        ("zone", PowerShellText.SingleQuoted(domain)),
        ("name", PowerShellText.SingleQuoted(record.Name)),
        ("type", PowerShellText.SingleQuoted(record.Type)),
        ("target", PowerShellText.SingleQuoted(record.AbsoluteTarget)),
        ("priority", record.Priority.ToString(CultureInfo.InvariantCulture)),
        ("weight", record.Weight.ToString(CultureInfo.InvariantCulture)),
        ("port", record.Port.ToString(CultureInfo.InvariantCulture)),
        ("ttl", record.Ttl.ToString(CultureInfo.InvariantCulture)));

    private static Scriban.Runtime.ScriptObject Zone(string domain, bool retired) => Record(
        ("zone", PowerShellText.SingleQuoted(domain)),
        ("retired", retired ? "$true" : "$false"));
}
