using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Trust;

/// <summary>The .reg file setting TrustModelData under every selected client key, in the form
/// regedit itself exports (docs/REGISTRY.md, ".reg files"): header, blank line, then per key "[path]", its
/// values and a blank line; a retired client's value is deleted (<c>"TrustModelData"=-</c>).
/// Determinism: keys in ordinal order of their path (the order of Registry.pol), values in ordinal
/// order of their name (regedit's export order, so an import/export round trip is byte-identical).
/// No comments: regedit would not give them back.</summary>
internal static class RegWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        var keys = RegistryPolWriter.Entries(tenant)
            .Select(entry => Record(
                ("path", RegText.KeyPath(TrustClient.Hive, entry.Client.PolicyKey)),
                ("values", List([Record(("name", RegText.Quoted(TrustClient.ValueName)), ("data", entry.Value is null ? RegText.Delete : RegText.Quoted(entry.Value)))]))));
        var text = context.Templates.Render(TrustConcern.Template.Reg, Record(("keys", List(keys))));
        yield return new Artifact(tenant.Name, TrustKinds.Reg, TrustKinds.Reg.PathOf(tenant.Name), text);
    }
}
