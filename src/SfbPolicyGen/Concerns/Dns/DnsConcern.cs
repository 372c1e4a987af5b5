namespace SfbPolicyGen.Concerns.Dns;

/// <summary>DNS, the fix of "The server is temporarily unavailable": the records each domain gets, as
/// zone snippets, RFC 2136 messages and a Windows DNS Server script (docs/DNS.md).</summary>
public static class DnsConcern
{
    public static readonly Concern Concern = new("dns")
    {
        Keys = DnsKeys.All,
        Templates = [Template.Zone, Template.DnsServerScript],
        GuideStep = "dns",
        Kinds = [DnsKinds.Zone, DnsKinds.NsUpdate, DnsKinds.DnsServerScript],
        Writers = [ZoneWriter.Write, NsUpdateWriter.Write, DnsServerScriptWriter.Write],
        GuideModel = DnsGuide.Model,
        Check = new("dns", Verification.DnsVerifier.CheckLinesAsync),
    };

    /// <summary>The Scriban templates its writers render (templates/, embedded; --templates overrides them by name).</summary>
    internal static class Template
    {
        public const string Zone = "zone.sbn";

        public const string DnsServerScript = "dns-server.ps1.sbn";
    }
}
