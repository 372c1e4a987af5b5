using System.Globalization;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>The script an admin runs on the TMG server: the FPC COM API sets each application's
/// keys (docs/PROXY.md, "The TMG server"). Every value reaches the script as a PowerShell single-quoted literal.
/// Determinism: rules in the Application.ini order (application, then Disable, DisableEx).</summary>
internal static class TmgServerScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.Proxy.Kind != ProxyKind.Tmg)
        {
            yield break;
        }

        var rules = tenant.Proxy.SortedApplications.SelectMany(app => new[]
        {
            Rule(app.Name, "Disable", app.Disable),
            Rule(app.Name, "DisableEx", app.DisableEx),
        });
        var text = context.Templates.Render(ProxyConcern.Template.TmgServerScript, Record(("tenant", tenant.Name), ("source", tenant.SourceLabel), ("rules", List(rules))));
        yield return new Artifact(tenant.Name, ProxyKinds.TmgServerScript, ProxyKinds.TmgServerScript.PathOf(tenant.Name), text);
    }

    private static Scriban.Runtime.ScriptObject Rule(string application, string key, int value) => Record(
        ("application", PowerShellText.SingleQuoted(application)),
        ("key", PowerShellText.SingleQuoted(key)),
        ("value", PowerShellText.SingleQuoted(value.ToString(CultureInfo.InvariantCulture))));
}
