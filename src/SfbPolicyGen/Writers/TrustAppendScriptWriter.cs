using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Writers;

/// <summary>registry/Add-TrustModelData.ps1: for machines whose TrustModelData differs one from the
/// next, appends what is missing to each machine's own value (the seed's "add, do not replace",
/// DOMAIN.md section 1). Every value reaches the script as a PowerShell single-quoted literal.
/// Determinism: keys in ordinal order (as in the .reg file); names in the merged value's order.</summary>
public static class TrustAppendScriptWriter
{
    public static Artifact Write(TenantPolicy tenant, TemplateSet templates)
    {
        var keys = tenant.TrustModelData.Clients
            .Select(c => @"HKLM:\" + c.PolicyKey)
            .Order(StringComparer.Ordinal)
            .Select(PowerShellText.SingleQuoted);
        var model = Record(
            ("tenant", tenant.Name),
            ("keys", List(keys)),
            ("wanted", List(tenant.TrustModelData.Value.Select(PowerShellText.SingleQuoted))));
        return new Artifact(tenant.Name, ArtifactKind.TrustAppendScript, ArtifactPaths.TrustAppendScript(tenant.Name), templates.Render(TemplateSet.TrustAppendScript, model));
    }
}
