using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>A rule sheet for a web gateway other than TMG (proxy kind "other"): the seed says to apply
/// the TMG rule's intent there. Determinism: applications in ordinal order of name.</summary>
internal static class GatewayRulesWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.Proxy.Kind != ProxyKind.Other)
        {
            yield break;
        }

        var applications = tenant.Proxy.SortedApplications.Select(app => Record(
            ("name", MarkdownText.Escape(app.Name)),
            ("executable", app.Name + ".exe"),
            ("disable", app.Disable),
            ("disable_ex", app.DisableEx),
            ("rule", RuleFor(app))));
        var model = Record(
            ("tenant", tenant.Name),
            ("source", MarkdownText.Escape(tenant.SourceLabel)),
            ("display_name", MarkdownText.Escape(tenant.DisplayName)),
            ("applications", List(applications)));
        yield return new Artifact(tenant.Name, ProxyKinds.GatewayRules, ProxyKinds.GatewayRules.PathOf(tenant.Name), context.Templates.Render(ProxyConcern.Template.GatewayRules, model));
    }

    /// <summary>Disable=0 and DisableEx=0 mean "keep the gateway client on"; either at 1 turns it off
    /// for the application, and DisableEx overrides Disable (docs/PROXY.md, "The article's rule").</summary>
    private static string RuleFor(ProxyApplication app) => app.Disable == 0 && app.DisableEx == 0
        ? "Let its outbound HTTPS (TCP 443) through the gateway, authenticated: do not bypass or block it. It runs as a service, so allow it with the computer's identity or exempt it from user authentication."
        : "Bypass the gateway client for it: send its traffic directly, as TMG does when Disable or DisableEx is 1.";
}
