using System.Globalization;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Writers;

/// <summary>dns/Add-DnsServerRecords.ps1: the records of the zone snippets for a Windows DNS Server
/// (DnsServer module), adding what is missing, skipping what is right, reporting conflicts. Names and
/// targets passed DomainName's validator; they still reach the script as single-quoted literals.
/// Determinism: domains in ordinal order, records in zone order (DnsRecordSet.InZoneOrder).</summary>
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
        var model = Record(
            ("tenant", tenant.Name),
            ("profile", tenant.Dns.Profile.YamlName()),
            ("cloud", tenant.Dns.Cloud.YamlName()),
            ("records", List(records)));
        yield return new Artifact(tenant.Name, ArtifactKind.DnsServerScript, ArtifactPaths.DnsServerScript(tenant.Name), context.Templates.Render(TemplateSet.DnsServerScript, model));
    }
}
