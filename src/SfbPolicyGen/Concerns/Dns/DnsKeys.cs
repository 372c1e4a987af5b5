using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.Dns;

/// <summary>The Dns concern's keys: dns (<see cref="PolicyKey"/>). Read by Loading/PolicyLoader.Dns.cs.</summary>
public static class DnsKeys
{
    public static readonly PolicyKey Profile = new(
        "profile",
        new ChoiceType(DnsProfileNames.Table.Names),
        $"{DnsProfile.Troubleshooting.YamlName()} (default; the article's sip CNAME), skype-online or teams-only.")
    {
        Default = DnsProfile.Troubleshooting.YamlName(),
        Comment = "troubleshooting (the article's sip CNAME) | skype-online | teams-only",
    };

    public static readonly PolicyKey Cloud = new("cloud", new ChoiceType(DnsCloudNames.Table.Names), $"{DnsCloud.Worldwide.YamlName()} (default), germany or 21vianet.")
    {
        Default = DnsCloud.Worldwide.YamlName(),
    };

    public static readonly PolicyKey Ttl = new("ttl", new IntegerType(1, int.MaxValue, "seconds"), $"Seconds, no unit (default {DnsPolicy.DefaultTtl}).")
    {
        Default = YamlText.Number(DnsPolicy.DefaultTtl),
    };

    public static readonly PolicyKey SipTarget = new("sipTarget", DomainNameType.Instance, "Overrides the sip CNAME target.");

    public static readonly PolicyKey Lyncdiscover = new(
        "lyncdiscover", BoolType.Instance, $"skype-online only: publish lyncdiscover (default {YamlText.Bool(DnsPolicy.DefaultLyncdiscover)}; false for hybrid tenants).")
    {
        Default = YamlText.Bool(DnsPolicy.DefaultLyncdiscover),
    };

    public static readonly PolicyKey UpdateServer = new(
        "updateServer", new TextType(MinLength: 1), "HOST[:PORT] of the primary server the RFC 2136 messages (dns/nsupdate/) send to (default: none; the operator gives it).");

    public static readonly PolicyKey Manage = new(
        "manage",
        new ListType(OwnerName(), Unique: true),
        "Names whose Microsoft records this tool takes over though it did not publish them, so that the DNS files replace or remove them: sip, lyncdiscover, _sip._tls, _sipfederationtls._tcp, alone (every domain) or as NAME.DOMAIN (default: none).");

    public static readonly PolicyKey Keep = new(
        "keep",
        new ListType(OwnerName(), Unique: true),
        "Names every DNS file leaves as they are (a hybrid tenant's on-premises sip, say), alone or as NAME.DOMAIN (default: none).");

    public static readonly PolicyKey Dns = PolicyKey.Section(
        "dns", "DNS records ('The server is temporarily unavailable').", [Profile, Cloud, Ttl, SipTarget, Lyncdiscover, UpdateServer, Manage, Keep])
        with { Order = 50, Reading = KeyReading.Code };

    public static readonly ImmutableArray<PolicyKey> All = [Dns];

    /// <summary>An entry of dns.manage or dns.keep (<see cref="DnsNameScope.Parse"/>): one of the names,
    /// in any case, alone or followed by a domain.</summary>
    private static TextType OwnerName()
    {
        static string AnyCase(string name) => string.Concat(name.Select(c => char.IsAsciiLetter(c) ? $"[{char.ToUpperInvariant(c)}{c}]" : c == '.' ? "\\." : c.ToString()));
        return new TextType(Pattern: $"^\\s*(?:{string.Join("|", DnsRecordSet.OwnerNames.Select(AnyCase))})(?:\\..+)?\\s*$");
    }
}
