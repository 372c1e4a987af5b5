using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Verification;

public enum RecordVerdict
{
    /// <summary>The server holds the record the profile requires.</summary>
    Right,

    /// <summary>The name does not exist, or holds no record of that type.</summary>
    Missing,

    /// <summary>The name holds records of that type (or a CNAME), none of them the required one.</summary>
    Different,

    /// <summary>No usable answer: a timeout, an unreachable server, SERVFAIL, REFUSED, bytes that are no
    /// DNS message.</summary>
    Unanswered,
}

/// <summary>What the DNS said about one record a tenant's profile requires.</summary>
/// <param name="Found">What the name holds, in presentation form (<c>CNAME x.example.</c>), ordinal order.</param>
/// <param name="Detail">Why (NXDOMAIN, a timeout, REFUSED), or a note on a right record (its TTL differs).</param>
public sealed record RecordCheck(string Tenant, string Domain, DnsRecord Expected, RecordVerdict Verdict, ImmutableArray<string> Found, string? Detail)
{
    public string Owner => Expected.OwnerIn(Domain);

    public string ExpectedText => $"{Expected.Type} {Expected.Data}";
}

/// <summary>Asks a DNS server for every record that each tenant's profile requires in each of its
/// domains and says, per record, whether it is there and right. Names are compared without case and
/// with their trailing dot (RFC 4343); the TTL is only noted, and only from an authoritative answer,
/// since a resolver's cache counts it down. Results come back in the zone writer's order
/// (tenant, domain, then <see cref="DnsRecordSet.InZoneOrder"/>), whatever order answers arrive in.</summary>
public static class DnsVerifier
{
    /// <summary>Queries in flight at once: enough to hide a resolver's latency over hundreds of
    /// domains, few enough not to look like a flood to it.</summary>
    public const int MaxConcurrentQueries = 8;

    private const string NotReached = "(is the server running and reachable?)";

    public static async Task<IReadOnlyList<RecordCheck>> CheckAsync(IEnumerable<TenantPolicy> tenants, IDnsQuery dns, CancellationToken cancellationToken)
    {
        var expected = tenants
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .SelectMany(t => t.Domains.Order(StringComparer.Ordinal)
                .SelectMany(domain => DnsRecordSet.InZoneOrder(t.Dns.Records).Select(record => (Tenant: t.Name, Domain: domain, Record: record))))
            .ToArray();
        var results = new RecordCheck[expected.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentQueries, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, expected.Length, options, async (i, token) =>
        {
            var (tenant, domain, record) = expected[i];
            results[i] = await CheckOneAsync(tenant, domain, record, dns, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results;
    }

    private static async Task<RecordCheck> CheckOneAsync(string tenant, string domain, DnsRecord expected, IDnsQuery dns, CancellationToken cancellationToken)
    {
        var owner = expected.OwnerIn(domain);
        RecordCheck Verdict(RecordVerdict verdict, IEnumerable<string> found, string? detail) =>
            new(tenant, domain, expected, verdict, [.. found.Order(StringComparer.Ordinal)], detail);

        IDnsQueryResponse response;
        try
        {
            var type = expected.Type == "SRV" ? QueryType.SRV : QueryType.CNAME;
            response = await dns.QueryAsync(owner, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex) when (ex.Code == DnsResponseCode.ConnectionTimeout)
        {
            return Verdict(RecordVerdict.Unanswered, [], $"no answer before the timeout {NotReached}");
        }
        catch (DnsResponseParseException)
        {
            // DnsClient 1.8.0 throws it on TCP for bytes that do not parse (past the ID it checks first).
            return Verdict(RecordVerdict.Unanswered, [], "the answer is not a DNS message");
        }
        catch (DnsResponseException ex) when (ex.Code == DnsResponseCode.Unassigned && ex.Message.Contains("truncated", StringComparison.OrdinalIgnoreCase))
        {
            // On UDP, DnsClient 1.8.0 takes bytes that do not parse for a truncated answer, and says
            // "Response was truncated and UseTcpFallback is disabled" (LookupClient.QueryInternal): it
            // cannot tell the two apart, so neither can this line.
            return Verdict(RecordVerdict.Unanswered, [], "the answer over UDP is not a DNS message, or was truncated (ask again with --tcp)");
        }
        catch (DnsXidMismatchException)
        {
            return Verdict(RecordVerdict.Unanswered, [], "the answer is not to the question asked (another message ID)");
        }
        catch (Exception ex) when (ex is DnsResponseException or SocketException or IOException)
        {
            // DnsClient wraps what the system said ("Connection refused") in a message that names the
            // query's ID, different for each record.
            return Verdict(RecordVerdict.Unanswered, [], $"{(ex.InnerException ?? ex).Message.TrimEnd('.')} {NotReached}");
        }

        var code = response.Header.ResponseCode;
        if (code == DnsHeaderResponseCode.NotExistentDomain)
        {
            return Verdict(RecordVerdict.Missing, [], "NXDOMAIN: the name does not exist");
        }

        if (code != DnsHeaderResponseCode.NoError)
        {
            return Verdict(RecordVerdict.Unanswered, [], code switch
            {
                // REFUSED ("for policy reasons", RFC 1035 section 4.1.1) is what an authoritative-only
                // server (Knot, NSD, BIND without recursion) answers for a zone it does not serve.
                DnsHeaderResponseCode.Refused => "the server refused (is it authoritative for this zone?)",
                DnsHeaderResponseCode.ServerFailure => "the server failed to answer (SERVFAIL)",
                _ => $"the server answered {code}",
            });
        }

        // Only records owned by the name asked: a resolver may add the chain a CNAME leads to.
        var found = response.Answers
            .Where(r => string.Equals(Absolute(r.DomainName.Original), owner, StringComparison.OrdinalIgnoreCase))
            .Select(r => (Record: r, Text: Presentation(r)))
            .ToList();
        var match = found.FirstOrDefault(f => string.Equals(f.Text, expected.Type + " " + expected.Data, StringComparison.OrdinalIgnoreCase));
        if (match.Record is not null)
        {
            var others = found.Where(f => f.Record != match.Record).Select(f => f.Text).ToList();
            var notes = new List<string>();
            if (response.Header.HasAuthorityAnswer && match.Record.InitialTimeToLive != expected.Ttl)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"TTL {match.Record.InitialTimeToLive}, policies.yaml says {expected.Ttl}"));
            }

            if (others.Count > 0)
            {
                notes.Add("also " + string.Join(", ", others.Order(StringComparer.Ordinal)));
            }

            return Verdict(RecordVerdict.Right, [match.Text], notes.Count == 0 ? null : string.Join("; ", notes));
        }

        return found.Count == 0
            ? Verdict(RecordVerdict.Missing, [], $"no {expected.Type} record at this name")
            : Verdict(RecordVerdict.Different, found.Select(f => f.Text), null);
    }

    /// <summary>RDATA the way the zone snippets write it, so it compares with <see cref="DnsRecord.Data"/>.</summary>
    private static string Presentation(DnsResourceRecord record) => record switch
    {
        CNameRecord cname => $"CNAME {Absolute(cname.CanonicalName.Original)}",
        SrvRecord srv => string.Create(CultureInfo.InvariantCulture, $"SRV {srv.Priority} {srv.Weight} {srv.Port} {Absolute(srv.Target.Original)}"),
        // Any other type (an A record where a CNAME belongs): DnsClient's "owner ttl class type data" line, without the owner and TTL.
        _ => string.Join(' ', record.ToString().Split(' ', 5, StringSplitOptions.RemoveEmptyEntries).Skip(3)),
    };

    private static string Absolute(string name) => name.EndsWith('.') ? name : name + ".";
}
