using System.Globalization;
using DnsClient;
using DnsClient.Protocol;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Each tenant's zone snippets, wrapped in full zones, served by knotd on 127.0.0.1, and every
/// record of the profile asked for over UDP and over TCP with DnsClient: the authoritative answer must
/// be exactly that record (name, type, data, TTL), alone at its name and type.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class KnotdConsumerTests
{
    [SkippableTheory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Knotd_serves_every_record_of_the_profile_over_udp_and_tcp(string name)
    {
        KnotServer.Require();
        var allZones = ConsumerSuite.Artifacts(name, "zone");
        foreach (var tenant in GoldenCases.Tenants(name))
        {
            var zones = allZones.Where(z => z.Tenant == tenant.Name).ToList();
            Assert.Equal(tenant.Dns.Records.IsEmpty ? 0 : tenant.Domains.Length, zones.Count);
            using var server = KnotServer.Start(zones.ToDictionary(z => z.Domain!, z => TestZone.Wrap(z.Domain!, z.FullPath), StringComparer.Ordinal));
            foreach (var tcp in new[] { false, true })
            {
                var client = server.Client(tcp);
                foreach (var domain in tenant.Domains)
                {
                    foreach (var record in tenant.Dns.Records)
                    {
                        var owner = $"{record.Name}.{domain}.";
                        var response = client.Query(owner, Enum.Parse<QueryType>(record.Type));
                        var where = $"{owner} {record.Type} over {(tcp ? "TCP" : "UDP")}";
                        Assert.True(response.Header.ResponseCode == DnsHeaderResponseCode.NoError && response.Header.HasAuthorityAnswer, $"{where}: {response.Header}");
                        Assert.Equal([FormatFacts.RecordLine(record, domain)], response.Answers.Select(Line));
                    }
                }
            }
        }
    }

    /// <summary>A record as a zone file would write it, from DnsClient's parsed fields.</summary>
    private static string Line(DnsResourceRecord record) => record switch
    {
        CNameRecord cname => $"{cname.DomainName.Original} {cname.InitialTimeToLive} IN CNAME {cname.CanonicalName.Original}",
        SrvRecord srv => string.Create(CultureInfo.InvariantCulture, $"{srv.DomainName.Original} {srv.InitialTimeToLive} IN SRV {srv.Priority} {srv.Weight} {srv.Port} {srv.Target.Original}"),
        _ => record.ToString(),
    };
}
