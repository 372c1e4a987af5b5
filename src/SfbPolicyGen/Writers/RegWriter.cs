using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Writers;

/// <summary>The .reg file setting TrustModelData under every selected client key, in the form
/// regedit itself exports (DOMAIN.md section 3): header, blank line, then per key "[path]", its
/// values and a blank line. Determinism: keys in ordinal order of their path, values in ordinal
/// order of their name (regedit's export order, so an import/export round trip is byte-identical).
/// No comments: regedit would not give them back.</summary>
internal static class RegWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        var keys = tenant.TrustModelData.ClientsByKey
            .Select(client => Record(
                ("path", RegText.KeyPath(TrustClient.Hive, client.PolicyKey)),
                ("values", List([Record(("name", RegText.Quoted(TrustClient.ValueName)), ("data", RegText.Quoted(tenant.TrustModelData.RegistryValue)))]))));
        var text = context.Templates.Render(TemplateSet.Reg, Record(("keys", List(keys))));
        yield return new Artifact(tenant.Name, ArtifactKind.Reg, ArtifactPaths.Reg(tenant.Name), text);
    }
}
