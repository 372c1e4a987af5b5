using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;

namespace SfbPolicyGen.Writers;

/// <summary>Every writer, in a plain static list: one tenant in, its artifacts out. The guide comes
/// last because it lists the others.</summary>
public static class ArtifactPipeline
{
    public static IReadOnlyList<Artifact> Write(TenantPolicy tenant, TemplateSet templates)
    {
        List<Artifact> artifacts =
        [
            .. AdmxWriter.Write(tenant),
            RegWriter.Write(tenant, templates),
            RegistryPolWriter.Write(tenant),
            GpoScriptWriter.Write(tenant, templates),
            TrustAppendScriptWriter.Write(tenant, templates),
            .. ZoneWriter.Write(tenant, templates),
        ];
        Artifact?[] optional =
        [
            DnsServerScriptWriter.Write(tenant, templates),
            TmgClientIniWriter.Write(tenant, templates),
            TmgServerScriptWriter.Write(tenant, templates),
            GatewayRulesWriter.Write(tenant, templates),
            LdifWriter.Write(tenant),
            ActiveDirectoryScriptWriter.Write(tenant, templates),
            ClientCleanupScriptWriter.Write(tenant, templates),
        ];
        artifacts.AddRange(optional.OfType<Artifact>());

        artifacts.AddRange(GuideWriter.Write(tenant, artifacts, templates));
        return artifacts;
    }
}
