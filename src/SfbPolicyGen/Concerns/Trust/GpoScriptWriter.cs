using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Trust;

/// <summary>gpo/Set-TrustModelDataGpo.ps1: creates the GPO named by gpo.name if it is missing
/// (GroupPolicy module: Get-GPO, New-GPO), sets TrustModelData for every selected client
/// (Set-GPRegistryValue), changing only what differs, and removes from that GPO the TrustModelData of
/// every other client (Remove-GPRegistryValue): a retired client, or one no longer listed. A policy value
/// a GPO stops setting is removed from computers at refresh (no tattooing, docs/REGISTRY.md, "Policy keys do not tattoo"), so the
/// machines under the GPO converge. The GPO name and every value reach the script as PowerShell
/// single-quoted literals, never in a comment. Determinism: keys in ordinal order.</summary>
internal static class GpoScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        var values = tenant.TrustModelData.ClientsByKey
            .Select(client => Record(
                ("key", PowerShellText.SingleQuoted(client.GroupPolicyKey)),
                ("name", PowerShellText.SingleQuoted(TrustClient.ValueName)),
                ("value", PowerShellText.SingleQuoted(tenant.TrustModelData.RegistryValue))));
        var removals = TrustClient.All.Except(tenant.TrustModelData.Clients)
            .OrderBy(client => client.PolicyKey, StringComparer.Ordinal)
            .Select(client => Record(
                ("key", PowerShellText.SingleQuoted(client.GroupPolicyKey)),
                ("name", PowerShellText.SingleQuoted(TrustClient.ValueName))));
        var model = Record(
            ("tenant", tenant.Name),
            ("source", tenant.SourceLabel),
            ("gpo_name", PowerShellText.SingleQuoted(tenant.Gpo.Name)),
            ("values", List(values)),
            ("removals", List(removals)));
        yield return new Artifact(tenant.Name, TrustKinds.GpoScript, TrustKinds.GpoScript.PathOf(tenant.Name), context.Templates.Render(TrustConcern.Template.GpoScript, model));
    }
}
