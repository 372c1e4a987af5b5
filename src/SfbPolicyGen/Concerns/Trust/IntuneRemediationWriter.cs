using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Trust;

/// <summary>intune/&lt;client&gt;/Detect-TrustModelData.ps1 and Remediate-TrustModelData.ps1: an Intune
/// Remediations script package per client key, for computers Intune manages rather than a domain's Group
/// Policy (an ingested ADMX may not write under Software\Policies\Microsoft\Communicator, README,
/// "Intune"). A listed client's pair appends what is missing and removes the retired domains; a retired
/// client's pair removes the tenant's own entries and a value left with Microsoft's defaults only: the
/// appender's rule for that one key, through the same merge function (trust-merge.ps1.sbn). Values reach
/// the script as PowerShell single-quoted literals. The file must be ASCII (Intune wants UTF-8 without a
/// BOM, which Windows PowerShell 5.1 reads in the ANSI code page); every value is a validated ASCII name,
/// and a template override that puts anything else in is refused (SFB090).</summary>
internal static class IntuneRemediationWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        var trust = tenant.TrustModelData;
        foreach (var client in trust.ClientsByKey)
        {
            var pair = Pair(tenant, client, retired: false, wanted: trust.Value, remove: tenant.Retired.Domains, deleteIfOnly: []);
            foreach (var artifact in Render(tenant, client, pair, context))
            {
                yield return artifact;
            }
        }

        foreach (var client in tenant.Retired.ClientsByKey)
        {
            var pair = Pair(tenant, client, retired: true, wanted: [], remove: tenant.OwnTrustEntries, deleteIfOnly: TrustListMerger.MicrosoftDefaults);
            foreach (var artifact in Render(tenant, client, pair, context))
            {
                yield return artifact;
            }
        }
    }

    private static Scriban.Runtime.ScriptObject Pair(TenantPolicy tenant, TrustClient client, bool retired, IEnumerable<string> wanted, IEnumerable<string> remove, IEnumerable<string> deleteIfOnly) => Record(
        ("tenant", tenant.Name),
        ("source", tenant.SourceLabel),
        ("product", client.Product),
        ("retired", retired),
        ("key", PowerShellText.SingleQuoted(client.ProviderPath)),
        ("wanted", Quoted(wanted)),
        ("remove", Quoted(remove)),
        ("delete_if_only", Quoted(deleteIfOnly)));

    private static IEnumerable<Artifact> Render(TenantPolicy tenant, TrustClient client, Scriban.Runtime.ScriptObject model, WriterContext context)
    {
        model["remediate"] = false;
        yield return new Artifact(tenant.Name, TrustKinds.IntuneDetectScript, TrustKinds.IntuneDetectScript.PathOf(tenant.Name, client.Id), context.Templates.RenderAscii(TrustConcern.Template.IntuneScript, model), Client: client);
        model["remediate"] = true;
        yield return new Artifact(tenant.Name, TrustKinds.IntuneRemediateScript, TrustKinds.IntuneRemediateScript.PathOf(tenant.Name, client.Id), context.Templates.RenderAscii(TrustConcern.Template.IntuneScript, model), Client: client);
    }

    private static Scriban.Runtime.ScriptArray Quoted(IEnumerable<string> values) => List(values.Select(PowerShellText.SingleQuoted));
}
