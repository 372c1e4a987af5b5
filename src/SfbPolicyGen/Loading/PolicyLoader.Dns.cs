using SfbPolicyGen.Concerns.Dns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>dns: which records each domain gets (README, "DNS"; docs/DNS.md, "The records").</summary>
public static partial class PolicyLoader
{
    private static DnsSection ReadDns(SectionReader root)
    {
        var dns = root.Section(DnsKeys.Dns);
        return new DnsSection(
            dns.Choice("profile", DnsProfileNames.Table),
            dns.Choice("cloud", DnsCloudNames.Table),
            dns.WholeNumber(DnsKeys.Ttl),
            dns.Name("sipTarget"),
            dns.Bool("lyncdiscover"),
            UpdateServer(dns["updateServer"]),
            OwnerNames(dns, "manage"),
            OwnerNames(dns, "keep"));
    }

    /// <summary>SFB032: dns.manage and dns.keep list the names the profiles publish at, alone (every
    /// domain) or followed by one domain (<see cref="DnsNameScope.Parse"/>).</summary>
    private static ListField<DnsNameScope> OwnerNames(SectionReader dns, string key) => dns.UniqueList(
        key,
        entry => entry.Scalar().Then(raw => DnsNameScope.Parse(raw, out var error) is { } scope
            ? Field.Valid(scope, entry.At)
            : entry.Refuse<DnsNameScope>(DiagnosticCodes.InvalidDnsOwnerName, $"'{FreeText.Shown(raw)}' in '{entry.Place}' is not a name the tool publishes at: {error}")),
        keyOf: scope => scope.ToString(),
        StringComparer.Ordinal,
        listedTwice: (entry, scope, first) => $"'{entry.Shown}' is listed twice in '{entry.Place}' (as '{scope}', first at line {first.Line})");

    /// <summary>SFB031: the primary server the RFC 2136 batches name (HOST[:PORT], as verify-dns's --server).</summary>
    private static Field<DnsServerAddress> UpdateServer(ValueReader value) => value.Scalar().Then(text => DnsServerAddress.TryParse(text, out var address, out var error)
        ? Field.Valid(address!, value.At)
        : value.Refuse<DnsServerAddress>(DiagnosticCodes.InvalidServerAddress, $"'{value.Path}' is refused: {error}"));
}

internal sealed record DnsSection(
    Field<DnsProfile> Profile,
    Field<DnsCloud> Cloud,
    Field<int> Ttl,
    Field<string> SipTarget,
    Field<bool> Lyncdiscover,
    Field<DnsServerAddress> UpdateServer,
    ListField<DnsNameScope> Manage,
    ListField<DnsNameScope> Keep)
{
    public DnsProfile ProfileOrDefault => Profile.Or(DnsProfile.Troubleshooting);

    /// <summary>Profile, cloud, TTL and sip target, what the records are made of, are each valid or
    /// absent. The DNS rules speak only then: records that cannot be worked out draw no warning.</summary>
    public bool RecordsKnown => !Profile.IsInvalid && !Cloud.IsInvalid && !Ttl.IsInvalid && !SipTarget.IsInvalid;

    /// <summary>sip points at the article's target for troubleshooting, else at the cloud's sipdir,
    /// unless sipTarget says otherwise (README, "DNS").</summary>
    public DnsPolicy ToPolicy()
    {
        var (profile, cloud, ttl, lyncdiscover) = (ProfileOrDefault, Cloud.Or(DnsCloud.Worldwide), Ttl.Or(DnsPolicy.DefaultTtl), Lyncdiscover.Or(DnsPolicy.DefaultLyncdiscover));
        var sip = SipTarget.Or(DnsCloudTargets.DefaultSipTarget(profile, cloud));
        return new DnsPolicy(profile, cloud, ttl, sip, lyncdiscover, DnsRecordSet.For(profile, cloud, ttl, sip, lyncdiscover), UpdateServer.OrDefault(), [.. Manage.Values], [.. Keep.Values]);
    }
}
