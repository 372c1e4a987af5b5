using System.Collections.Immutable;

namespace SfbPolicyGen.Model;

/// <summary>Which records each DNS profile publishes (DOMAIN.md section 6).</summary>
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
            _ =>
            [
                new DnsRecord("sip", "CNAME", ttl, sipTarget),
                .. lyncdiscover ? [new DnsRecord("lyncdiscover", "CNAME", ttl, targets.WebDir)] : Array.Empty<DnsRecord>(),
                new DnsRecord("_sip._tls", "SRV", ttl, targets.SipDir, 100, 1, 443),
                federation,
            ],
        };
    }
}
