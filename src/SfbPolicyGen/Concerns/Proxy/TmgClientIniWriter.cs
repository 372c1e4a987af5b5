using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>The TMG Client's Application.ini sections (docs/PROXY.md, "The TMG client's Application.ini"): one section per
/// application, keys Disable then DisableEx. Determinism: sections in ordinal order of the
/// application name, keys in that fixed order.</summary>
internal static class TmgClientIniWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.Proxy.Kind != ProxyKind.Tmg)
        {
            yield break;
        }

        var applications = tenant.Proxy.SortedApplications.Select(app => Record(
            ("name", IniText.Name(app.Name)),
            ("disable", app.Disable),
            ("disable_ex", app.DisableEx)));
        var text = context.Templates.Render(ProxyConcern.Template.TmgClientIni, Record(("tenant", tenant.Name), ("applications", List(applications))));
        yield return new Artifact(tenant.Name, ProxyKinds.TmgClientIni, ProxyKinds.TmgClientIni.PathOf(tenant.Name), text);
    }
}
