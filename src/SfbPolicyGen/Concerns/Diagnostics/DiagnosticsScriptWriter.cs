using System.Globalization;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Diagnostics;

/// <summary>client/Collect-SfbSignInDiagnostics.ps1, only with <c>diagnostics: true</c>: what the article
/// asks for support (docs/ARTICLE.md, "Collecting information for support"), gathered into one zip on the
/// failing computer, with each fix's state compared with what this tenant deploys. The writer embeds what
/// the policy wants: per client of <see cref="TrustClient.All"/> its key, whether the tenant deploys it and
/// the entries it must hold (the tenant's domains and trustModelData.add, docs/REGISTRY.md,
/// "TrustModelData"); per domain the records the Dns concern publishes there (docs/DNS.md, "The records").
/// Every value reaches the script as a PowerShell single-quoted literal. Determinism: clients in
/// <see cref="TrustClient.All"/>'s order, domains in ordinal order, records in zone order.</summary>
internal static class DiagnosticsScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (!DiagnosticsKeys.IsOn(tenant))
        {
            yield break;
        }

        var trust = tenant.TrustModelData;
        var required = tenant.Domains.Concat(trust.Add).Distinct(StringComparer.Ordinal);
        var model = Record(
            ("tenant", tenant.Name),
            ("source", tenant.SourceLabel),
            ("tenant_literal", PowerShellText.SingleQuoted(tenant.Name)),
            ("clients", List(TrustClient.All.Select(client => Record(
                ("key", PowerShellText.SingleQuoted(client.ProviderPath)),
                ("product", PowerShellText.SingleQuoted(client.Product)),
                ("deployed", trust.Clients.Contains(client) ? "$true" : "$false"))))),
            ("required", List(required.Select(PowerShellText.SingleQuoted))),
            ("deployed_value", PowerShellText.SingleQuoted(trust.RegistryValue)),
            ("records", List(tenant.SortedDomains.SelectMany(domain => tenant.Dns.RecordsAt(domain).Select(record => Record(
                ("name", PowerShellText.SingleQuoted(record.Name + "." + domain)),
                ("type", PowerShellText.SingleQuoted(record.Type)),
                ("target", PowerShellText.SingleQuoted(record.Target)),
                ("port", record.Port.ToString(CultureInfo.InvariantCulture))))))));
        yield return new Artifact(tenant.Name, DiagnosticsKinds.CollectScript, DiagnosticsKinds.CollectScript.PathOf(tenant.Name),
            context.Templates.Render(DiagnosticsConcern.Template.CollectScript, model));
    }
}
