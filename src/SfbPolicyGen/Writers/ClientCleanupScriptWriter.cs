using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Writers;

/// <summary>client/Reset-SfbSignIn.ps1, only with <c>clientCleanup: true</c>: the article's "update
/// the security credentials" steps for one user's computer (docs/ARTICLE.md, "Problem acquiring a personal certificate"), dry run unless
/// -Apply. Opt-in because step 3 deletes every RSA key folder of the user. The tenant name (validated
/// a-z 0-9 -) is the only value it prints.</summary>
internal static class ClientCleanupScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.ClientCleanup)
        {
            yield return new Artifact(tenant.Name, ArtifactKind.ClientCleanupScript, ArtifactPaths.ClientCleanupScript(tenant.Name),
                context.Templates.Render(TemplateSet.ClientCleanupScript, Record(("tenant", tenant.Name), ("source", tenant.SourceLabel))));
        }
    }
}
