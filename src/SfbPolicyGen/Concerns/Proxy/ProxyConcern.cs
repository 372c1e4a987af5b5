namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>The proxy, the fix of "Sign-in address not found": TMG's client rules for msoidsvc, or the
/// rule sheet for another gateway.</summary>
public static class ProxyConcern
{
    public static readonly Concern Concern = new("proxy")
    {
        Keys = ProxyKeys.All,
        GuideStep = "proxy",
        Kinds = [ProxyKinds.TmgClientIni, ProxyKinds.TmgServerScript, ProxyKinds.GatewayRules],
        Writers = [TmgClientIniWriter.Write, TmgServerScriptWriter.Write, GatewayRulesWriter.Write],
        Facts = [TmgFacts.Kind],
        GuideModel = ProxyGuide.Model,
    };
}
