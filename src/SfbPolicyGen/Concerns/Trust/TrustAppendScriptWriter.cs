using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Trust;

/// <summary>registry/Add-TrustModelData.ps1: for machines whose TrustModelData differs one from the
/// next. Per listed client it removes the retired domains from each machine's own value and appends what
/// is missing (the seed's "add, do not replace", docs/REGISTRY.md, "Add, do not replace"); per retired client it removes only
/// the tenant's own entries (domains, add, retired domains) and deletes a value left with no more than
/// Microsoft's defaults; from the other clients' values (neither listed nor retired) it removes the
/// retired domains only (a retired domain goes from every value). Values written by an import or by this script stay until something removes them
/// (docs/REGISTRY.md, "Policy keys do not tattoo"), hence this script rather than the GPO alone. Every value reaches the script as a
/// PowerShell single-quoted literal. Determinism: keys in ordinal order (as in the .reg file); names in
/// the merged value's order, then domains, add and retired domains in the policy's order.</summary>
internal static class TrustAppendScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        var trust = tenant.TrustModelData;
        var model = Record(
            ("tenant", tenant.Name),
            ("source", tenant.SourceLabel),
            ("keys", Quoted(trust.ClientsByKey.Select(client => client.ProviderPath))),
            ("wanted", Quoted(trust.Value)),
            ("retired_domains", Quoted(tenant.Retired.Domains)),
            ("retired_keys", Quoted(tenant.Retired.ClientsByKey.Select(client => client.ProviderPath))),
            ("other_keys", Quoted(tenant.Retired.Domains.IsEmpty ? [] : TrustClient.All.Except(trust.Clients).Except(tenant.Retired.Clients).OrderBy(c => c.PolicyKey, StringComparer.Ordinal).Select(client => client.ProviderPath))),
            ("tenant_entries", Quoted(tenant.OwnTrustEntries)),
            ("microsoft_defaults", Quoted(TrustListMerger.MicrosoftDefaults)));
        yield return new Artifact(tenant.Name, TrustKinds.TrustAppendScript, TrustKinds.TrustAppendScript.PathOf(tenant.Name), context.Templates.Render(TrustConcern.Template.TrustAppendScript, model));
    }

    private static Scriban.Runtime.ScriptArray Quoted(IEnumerable<string> values) => List(values.Select(PowerShellText.SingleQuoted));
}
