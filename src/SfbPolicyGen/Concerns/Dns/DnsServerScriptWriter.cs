using System.Globalization;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Dns;

/// <summary>dns/Add-DnsServerRecords.ps1: brings a Windows DNS Server (DnsServer module) to the rule
/// every DNS path follows (<see cref="DnsNameRule"/>): under the tenant's domains and its retired domains,
/// at the names any profile publishes (<see cref="DnsRecordSet.OwnerNames"/>), it keeps what is wanted,
/// changes a record the tool owns into the wanted one in one step, adds what is missing where the name
/// holds nothing, reports anything else as a conflict, removes what the tool owns and no longer wants,
/// and names the Microsoft records it leaves in place because it did not publish them (octoDNS's
/// ownership rule). Names and targets passed DomainName's validator; they still reach the script as
/// single-quoted literals. Determinism: domains in ordinal order (the tenant's, then the retired ones),
/// names in ordinal order; rules only for the names where there is something to do.</summary>
internal static class DnsServerScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.Dns.Records.IsEmpty)
        {
            yield break;
        }

        // Every rule of every domain, in that order: made as the template reads them (10,000 domains).
        var domains = DnsRules.For(tenant, context.History).ToArray();
        var rules = domains.SelectMany(d => d.Names.Where(r => r.Matters)).ToArray();
        var model = Record(
            ("tenant", tenant.Name),
            ("source", tenant.SourceLabel),
            ("profile", tenant.Dns.Profile.YamlName()),
            ("cloud", tenant.Dns.Cloud.YamlName()),
            ("zones", Projected(domains.Length, i => Zone(domains[i].Domain, domains[i].Retired))),
            ("rules", Projected(rules.Length, i => Rule(rules[i]))),
            ("names", List(DnsRecordSet.OwnerNames.Select(PowerShellText.SingleQuoted))),
            ("microsoft_targets", List(DnsCloudTargets.MicrosoftTargets.Select(PowerShellText.SingleQuoted))));
        yield return new Artifact(tenant.Name, DnsKinds.DnsServerScript, DnsKinds.DnsServerScript.PathOf(tenant.Name), context.Templates.Render(DnsConcern.Template.DnsServerScript, model));
    }

    /// <summary><c>'contoso.com|sip' = @{ Wanted = @{ Type = 'CNAME'; Target = '...'; ... }; Owned = @('CNAME x.'); Kept = $false }</c>.</summary>
    private static Scriban.Runtime.ScriptObject Rule(DnsNameRule rule) => Record(
        ("key", PowerShellText.SingleQuoted($"{rule.Domain}|{rule.Name}")),
        ("wanted", rule.Wanted is { } wanted ? Wanted(wanted) : "$null"),
        ("owned", string.Join(", ", rule.Owned.Select(o => PowerShellText.SingleQuoted($"{o.Type} {o.Data}")))),
        ("kept", rule.Kept ? "$true" : "$false"));

    private static string Wanted(DnsRecord record) => string.Create(CultureInfo.InvariantCulture,
        $"@{{ Type = {PowerShellText.SingleQuoted(record.Type)}; Target = {PowerShellText.SingleQuoted(record.AbsoluteTarget)}; Priority = {record.Priority}; Weight = {record.Weight}; Port = {record.Port}; Ttl = {record.Ttl} }}");

    private static Scriban.Runtime.ScriptObject Zone(string domain, bool retired) => Record(
        ("zone", PowerShellText.SingleQuoted(domain)),
        ("retired", retired ? "$true" : "$false"));
}
