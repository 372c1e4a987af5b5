using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.ClientCleanup;

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
            yield return new Artifact(tenant.Name, ClientCleanupKinds.ClientCleanupScript, ClientCleanupKinds.ClientCleanupScript.PathOf(tenant.Name),
                context.Templates.Render(ClientCleanupConcern.Template.ClientCleanupScript, Record(("tenant", tenant.Name), ("source", tenant.SourceLabel))));
        }
    }
}
