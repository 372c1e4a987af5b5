namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>The proxy, the fix of "Sign-in address not found": TMG's client rules for msoidsvc, or the
/// rule sheet for another gateway.</summary>
public static class ProxyConcern
{
    public static readonly Concern Concern = new("proxy")
    {
        Keys = ProxyKeys.All,
        Templates = [Template.TmgClientIni, Template.TmgServerScript, Template.GatewayRules],
        GuideStep = "proxy",
        Kinds = [ProxyKinds.TmgClientIni, ProxyKinds.TmgServerScript, ProxyKinds.GatewayRules],
        Writers = [TmgClientIniWriter.Write, TmgServerScriptWriter.Write, GatewayRulesWriter.Write],
        Facts = [TmgFacts.Kind],
        GuideModel = ProxyGuide.Model,
    };

    /// <summary>The Scriban templates its writers render (templates/, embedded; --templates overrides them by name).</summary>
    internal static class Template
    {
        public const string TmgClientIni = "tmg-application.ini.sbn";

        public const string TmgServerScript = "tmg-server.ps1.sbn";

        public const string GatewayRules = "gateway-rules.md.sbn";
    }
}
