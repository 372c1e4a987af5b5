using System.Collections.Immutable;

namespace SfbPolicyGen.Model;

/// <summary>Which records each DNS profile publishes (docs/DNS.md, "The records").</summary>
public static class DnsRecordSet
{
    public static ImmutableArray<DnsRecord> For(DnsProfile profile, DnsCloud cloud, int ttl, string sipTarget, bool lyncdiscover)
    {
        var targets = DnsCloudTargets.For(cloud);
        var federation = new DnsRecord("_sipfederationtls._tcp", "SRV", ttl, targets.SipFed, 100, 1, 5061);
        return profile switch
        {
            DnsProfile.Troubleshooting => [new DnsRecord("sip", "CNAME", ttl, sipTarget)],
            DnsProfile.TeamsOnly => [federation],
            DnsProfile.SkypeOnline =>
            [
                new DnsRecord("sip", "CNAME", ttl, sipTarget),
                .. lyncdiscover ? [new DnsRecord("lyncdiscover", "CNAME", ttl, targets.WebDir)] : Array.Empty<DnsRecord>(),
                new DnsRecord("_sip._tls", "SRV", ttl, targets.SipDir, 100, 1, 443),
                federation,
            ],
        };
    }

    /// <summary>Every record of the tool's names that points to one of Microsoft's Skype targets, in every
    /// cloud (and the French article's sip target), with the tool's priorities, weights and ports: what a
    /// deploy artifact may take away, because this tool, or Microsoft's instructions it follows, could
    /// have put it there. A record of those names pointing anywhere else is never taken away.</summary>
    public static ImmutableArray<DnsRecord> MicrosoftRecords(int ttl) => ttl == DnsPolicy.DefaultTtl ? DefaultTtlMicrosoftRecords : MakeMicrosoftRecords(ttl);

    /// <summary><see cref="MicrosoftRecords"/> at <paramref name="name"/>.</summary>
    public static IEnumerable<DnsRecord> MicrosoftRecordsAt(string name, int ttl)
    {
        foreach (var record in MicrosoftRecords(ttl))
        {
            if (record.Name == name)
            {
                yield return record;
            }
        }
    }

    // Asked for at every name of every domain that dns.manage covers or that is retired: made once for the
    // default TTL, which nearly every tenant keeps.
    private static readonly ImmutableArray<DnsRecord> DefaultTtlMicrosoftRecords = MakeMicrosoftRecords(DnsPolicy.DefaultTtl);

    private static ImmutableArray<DnsRecord> MakeMicrosoftRecords(int ttl) =>
    [
        .. Enum.GetValues<DnsCloud>().SelectMany(cloud => For(DnsProfile.SkypeOnline, cloud, ttl, DnsCloudTargets.For(cloud).SipDir, lyncdiscover: true)),
        new DnsRecord("sip", "CNAME", ttl, DnsCloudTargets.SeedSipTarget),
    ];

    /// <summary>Every owner name a profile publishes a record at (relative to the domain), in ordinal
    /// order: the names the DNS Server script looks after, whatever the profile is now, so that a record
    /// an earlier profile or cloud published is found and removed.</summary>
    public static readonly ImmutableArray<string> OwnerNames =
    [
        .. Enum.GetValues<DnsProfile>()
            .SelectMany(profile => For(profile, DnsCloud.Worldwide, DnsPolicy.DefaultTtl, DnsCloudTargets.SeedSipTarget, lyncdiscover: true))
            .Select(record => record.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The type every profile publishes at a name: CNAME at sip and lyncdiscover, SRV at the others.</summary>
    public static string TypeAt(string name) => name.StartsWith('_') ? "SRV" : "CNAME";

    /// <summary>The one order of records, used by the zone writer and by verify-dns: owner name
    /// (ordinal), then type, then RDATA, so a record's place never depends on the YAML.</summary>
    public static IOrderedEnumerable<DnsRecord> InZoneOrder(IEnumerable<DnsRecord> records) => records
        .OrderBy(r => r.Name, StringComparer.Ordinal)
        .ThenBy(r => r.Type, StringComparer.Ordinal)
        .ThenBy(r => r.Data, StringComparer.Ordinal);
}
