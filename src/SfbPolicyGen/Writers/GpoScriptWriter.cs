using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Writers;

/// <summary>gpo/Set-TrustModelDataGpo.ps1: creates the GPO named by gpo.name if it is missing
/// (GroupPolicy module: Get-GPO, New-GPO) and sets TrustModelData for every selected client
/// (Set-GPRegistryValue), changing only what differs. The GPO name and every value reach the script
/// as PowerShell single-quoted literals, never in a comment. Determinism: keys in ordinal order.</summary>
public static class GpoScriptWriter
{
    public static Artifact Write(TenantPolicy tenant, TemplateSet templates)
    {
        var values = tenant.TrustModelData.Clients
            .Select(c => @"HKLM\" + c.PolicyKey)
            .Order(StringComparer.Ordinal)
            .Select(key => Record(
                ("key", PowerShellText.SingleQuoted(key)),
                ("name", PowerShellText.SingleQuoted(TrustClient.ValueName)),
                ("value", PowerShellText.SingleQuoted(tenant.TrustModelData.RegistryValue))));
        var model = Record(("tenant", tenant.Name), ("gpo_name", PowerShellText.SingleQuoted(tenant.Gpo.Name)), ("values", List(values)));
        return new Artifact(tenant.Name, ArtifactKind.GpoScript, ArtifactPaths.GpoScript(tenant.Name), templates.Render(TemplateSet.GpoScript, model));
    }
}
