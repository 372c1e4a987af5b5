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
public static class DnsServerScriptWriter
{
    public static Artifact? Write(TenantPolicy tenant, TemplateSet templates)
    {
        if (tenant.Dns.Records.IsEmpty)
        {
            return null;
        }

        var records = tenant.Domains.Order(StringComparer.Ordinal).SelectMany(domain => DnsRecordSet.InZoneOrder(tenant.Dns.Records).Select(r => Record(
            ("zone", PowerShellText.SingleQuoted(domain)),
            ("name", PowerShellText.SingleQuoted(r.Name)),
            ("type", PowerShellText.SingleQuoted(r.Type)),
            ("target", PowerShellText.SingleQuoted(r.Target + ".")),
            ("priority", r.Priority.ToString(CultureInfo.InvariantCulture)),
            ("weight", r.Weight.ToString(CultureInfo.InvariantCulture)),
            ("port", r.Port.ToString(CultureInfo.InvariantCulture)),
            ("ttl", r.Ttl.ToString(CultureInfo.InvariantCulture)))));
        var model = Record(
            ("tenant", tenant.Name),
            ("profile", tenant.Dns.Profile.YamlName()),
            ("cloud", tenant.Dns.Cloud.YamlName()),
            ("records", List(records)));
        return new Artifact(tenant.Name, ArtifactKind.DnsServerScript, ArtifactPaths.DnsServerScript(tenant.Name), templates.Render(TemplateSet.DnsServerScript, model));
    }
}
