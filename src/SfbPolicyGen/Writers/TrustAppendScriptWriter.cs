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
internal static class TrustAppendScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        var keys = tenant.TrustModelData.ClientsByKey.Select(client => PowerShellText.SingleQuoted(client.ProviderPath));
        var model = Record(
            ("tenant", tenant.Name),
            ("keys", List(keys)),
            ("wanted", List(tenant.TrustModelData.Value.Select(PowerShellText.SingleQuoted))));
        yield return new Artifact(tenant.Name, ArtifactKind.TrustAppendScript, ArtifactPaths.TrustAppendScript(tenant.Name), context.Templates.Render(TemplateSet.TrustAppendScript, model));
    }
}
