using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using SfbPolicyGen.Import;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Verification;

public enum RecordVerdict
{
    /// <summary>The name holds the record the profile wants, alone (or nothing unwanted of the tool's).</summary>
    Right,

    /// <summary>The name holds nothing where the profile wants a record: the DNS files add it.</summary>
    Missing,

    /// <summary>The name holds one record the tool owns in place of the wanted one: the DNS files replace it.</summary>
    Outdated,

    /// <summary>Someone else's record holds a name the profile wants: the DNS files add nothing there.</summary>
    Conflict,

    /// <summary>A record pointing to Microsoft where the profile wants none (a retired domain's, or one
    /// the profile no longer publishes): the DNS files remove it when the tool owns it.</summary>
    Unwanted,

    /// <summary>The name is in dns.keep: reported, never a finding.</summary>
    Kept,

    /// <summary>No usable answer: a timeout, an unreachable server, SERVFAIL, REFUSED, bytes that are no
    /// DNS message.</summary>
    Unanswered,
}

/// <summary>What the DNS said about one of the tool's names in one domain.</summary>
/// <param name="Found">What the name holds, in presentation form (<c>CNAME x.example.</c>), ordinal order.</param>
/// <param name="Detail">Why (NXDOMAIN, a timeout, REFUSED, how to settle a conflict), or a note (a TTL).</param>
public sealed record RecordCheck(string Tenant, DnsNameRule Rule, RecordVerdict Verdict, ImmutableArray<string> Found, string? Detail)
{
    public string Owner => Rule.Owner;

    /// <summary>What the line is about: the wanted record, or what an unwanted or kept name holds.</summary>
    public string Subject => Verdict switch
    {
        RecordVerdict.Unwanted or RecordVerdict.Kept => Found.IsEmpty ? $"{Rule.Type} (nothing)" : string.Join(", ", Found),
        _ => Rule.Wanted is { } wanted ? $"{wanted.Type} {wanted.Data}" : Rule.Type,
    };

    public bool IsFinding => Verdict is RecordVerdict.Missing or RecordVerdict.Outdated or RecordVerdict.Conflict or RecordVerdict.Unwanted or RecordVerdict.Unanswered;
}

/// <summary>Asks a DNS server what each of the tool's names holds in each domain and retired domain of
/// each tenant, and judges it by the rule every DNS file follows (<see cref="DnsNameRule.Decide"/>), so
/// that verify-dns says exactly what the RFC 2136 messages and the DNS Server script would do: a record
/// missing, one of the tool's to replace, a conflict (someone else's record where the profile wants one,
/// an SRV beside the wanted one included), or a Microsoft record the profile does not want (the tool's, to
/// remove; or not, then how to have it removed or kept). Names are compared without case, with their
/// trailing dot (RFC 4343); the TTL is only noted, and only from an authoritative answer, since a
/// resolver's cache counts it down. A name where nothing is wanted, nothing owned and nothing of
/// Microsoft's is found gives no line. Results come in the order of <see cref="DnsRules.For"/> (tenant,
/// its domains then retired domains, names), whatever order answers arrive in.</summary>
public static class DnsVerifier
{
    /// <summary>Queries in flight at once: enough to hide a resolver's latency over hundreds of
    /// domains, few enough not to look like a flood to it.</summary>
    public const int MaxConcurrentQueries = 8;

    private const string NotReached = "(is the server running and reachable?)";

    /// <summary>Types asked at a name that has no CNAME where the profile wants one: records of these
    /// keep the CNAME out (RFC 1034 section 3.6.2), and the batches' "holds nothing" refuses them.</summary>
    private static readonly QueryType[] BlockingTypes = [QueryType.A, QueryType.AAAA, QueryType.TXT, QueryType.MX];

    /// <summary>The DNS check as <c>verify</c> runs it (<see cref="LiveCheckRun"/>): each name that has
    /// something to say, as a <see cref="CheckLine"/> (ok, kept; or missing, outdated, in conflict,
    /// unwanted: a finding; or no answer).</summary>
    public static async Task<IReadOnlyList<CheckLine>> CheckLinesAsync(IReadOnlyList<TenantPolicy> tenants, VerifyOptions options, CancellationToken cancellationToken)
    {
        var dns = options.Dns ?? throw new ArgumentException("the DNS check needs a DNS client", nameof(options));
        var checks = await CheckAsync(tenants, options.History, dns, cancellationToken).ConfigureAwait(false);
        return [.. checks.Select(check => new CheckLine(check.Tenant, "dns", $"{check.Owner} {check.Subject}", StatusOf(check.Verdict), Message(check)))];
    }

    private static CheckStatus StatusOf(RecordVerdict verdict) => verdict switch
    {
        RecordVerdict.Right or RecordVerdict.Kept => CheckStatus.Ok,
        RecordVerdict.Missing or RecordVerdict.Outdated or RecordVerdict.Conflict or RecordVerdict.Unwanted => CheckStatus.Error,
        RecordVerdict.Unanswered => CheckStatus.Unreachable,
    };

    private static string Message(RecordCheck check)
    {
        var verdict = check.Verdict switch
        {
            RecordVerdict.Right => "as the policy wants",
            RecordVerdict.Kept => "kept (dns.keep): not judged",
            RecordVerdict.Missing => "missing: the DNS files add it",
            RecordVerdict.Outdated => $"outdated, found {string.Join(", ", check.Found)}: the DNS files replace it",
            RecordVerdict.Conflict => $"in conflict, found {string.Join(", ", check.Found)}: the DNS files add nothing there",
            RecordVerdict.Unwanted => "unwanted: the profile publishes none here",
            RecordVerdict.Unanswered => "no answer",
        };
        return check.Detail is { } detail ? $"{verdict} ({detail})" : verdict;
    }

    public static async Task<IReadOnlyList<RecordCheck>> CheckAsync(IEnumerable<TenantPolicy> tenants, DnsHistory history, IDnsQuery dns, CancellationToken cancellationToken)
    {
        var rules = tenants
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .SelectMany(t => DnsRules.For(t, history).SelectMany(d => d.Names).Select(rule => (Tenant: t.Name, Rule: rule)))
            .ToArray();
        var results = new RecordCheck?[rules.Length];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var closedPort = rules.Length > 0 && dns is LookupClient { Settings: { UseTcpOnly: false, NameServers: [var server] } }
            ? UdpPortClosedAsync(new IPEndPoint(IPAddress.Parse(server.Address), server.Port), rules[0].Rule.Owner, stop)
            : Task.FromResult<string?>(null);
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentQueries, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForAsync(0, rules.Length, options, async (i, token) =>
            {
                var (tenant, rule) = rules[i];
                results[i] = await CheckOneAsync(tenant, rule, dns, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && closedPort.IsCompletedSuccessfully && closedPort.Result is { } refused)
        {
            // Every name gets the answer the port gave, as each query would have after its timeouts.
            return [.. rules.Where(r => r.Rule.Matters).Select(r => new RecordCheck(r.Tenant, r.Rule, RecordVerdict.Unanswered, [], refused))];
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false); // ends the port's watch
        }

        return [.. results.OfType<RecordCheck>()];
    }

    /// <summary>Why a UDP server's port is closed, or null. DnsClient 1.8.0 asks over an unconnected
    /// socket, which never hears the ICMP port-unreachable a closed port answers with (Linux reports it,
    /// as ECONNREFUSED, only on a connected socket), so a closed port cost two timeouts per name. One
    /// question over a connected socket hears it at once; it then stops the queries. Any answer, or none
    /// until the queries end, leaves them to say what the server did.</summary>
    private static async Task<string?> UdpPortClosedAsync(IPEndPoint server, string name, CancellationTokenSource stop)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(server, stop.Token).ConfigureAwait(false);
            await socket.SendAsync(DnsWireMessage.Query((ushort)Random.Shared.Next(ushort.MaxValue + 1), name, 5), stop.Token).ConfigureAwait(false);
            await socket.ReceiveAsync(new byte[512], stop.Token).ConfigureAwait(false);
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            return $"{ex.Message.TrimEnd('.')} {NotReached}";
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            return null;
        }
    }

    private static async Task<RecordCheck?> CheckOneAsync(string tenant, DnsNameRule rule, IDnsQuery dns, CancellationToken cancellationToken)
    {
        RecordCheck Verdict(RecordVerdict verdict, IEnumerable<PresentRecord> found, string? detail) =>
            new(tenant, rule, verdict, [.. found.Select(f => f.ToString()).Order(StringComparer.Ordinal)], detail);

        var answer = await AskAsync(rule.Owner, rule.Type == "SRV" ? QueryType.SRV : QueryType.CNAME, dns, cancellationToken).ConfigureAwait(false);
        if (answer.Error is { } error)
        {
            // A retired domain may have moved to another DNS host: a server that refuses its zone holds
            // nothing of it to remove (as the DNS Server script skips a zone it does not hold).
            return rule.Matters && !(rule.Retired && answer.Refused) ? Verdict(RecordVerdict.Unanswered, [], error) : null;
        }

        var present = answer.Records;
        if (rule.Wanted is { Type: "CNAME" } && present.Count == 0 && answer.NameExists)
        {
            // NOERROR without a CNAME: the name holds other records, or only names below it (which do not
            // keep a CNAME out).
            foreach (var type in BlockingTypes)
            {
                var other = await AskAsync(rule.Owner, type, dns, cancellationToken).ConfigureAwait(false);
                present = [.. present, .. other.Records];
            }
        }

        var decision = rule.Decide(present);
        var microsoft = present.Where(p => DnsCloudTargets.MicrosoftTargets.Contains(TargetOf(p), StringComparer.OrdinalIgnoreCase)).ToList();
        return decision.Step switch
        {
            DnsStep.Kept => rule.Matters ? Verdict(RecordVerdict.Kept, present, "dns.keep: left as it is") : null,
            DnsStep.Right when rule.Wanted is null => microsoft.Count == 0 ? null
                : Verdict(RecordVerdict.Unwanted, microsoft, $"points to Microsoft, but the profile publishes nothing here and this tool did not publish it: list '{rule.Name}.{rule.Domain}' in dns.manage to have the DNS files remove it, or in dns.keep to keep it"),
            DnsStep.Right or DnsStep.SetTtl => Verdict(RecordVerdict.Right, [decision.Found!], TtlNote(rule.Wanted!, decision.Found!, answer.Authoritative)),
            DnsStep.Add => Verdict(RecordVerdict.Missing, [], answer.NameExists ? $"no {rule.Type} record at this name" : "NXDOMAIN: the name does not exist"),
            DnsStep.Replace => Verdict(RecordVerdict.Outdated, [decision.Found!], "a record this tool owns here: the DNS files replace it"),
            DnsStep.Remove => Verdict(RecordVerdict.Unwanted, decision.Removed, rule.Retired ? "a retired domain's, this tool's: the DNS files remove it" : "this tool's, no longer wanted here: the DNS files remove it"),
            DnsStep.Conflict => Verdict(RecordVerdict.Conflict, decision.Blocking,
                $"not this tool's: the DNS files add nothing here; remove it by hand, or list '{rule.Name}.{rule.Domain}' in dns.keep to keep it" + (decision.Blocking.Any(b => microsoft.Contains(b)) ? " (or in dns.manage, to have a Microsoft record replaced)" : "")),
        };
    }

    private static string? TtlNote(DnsRecord wanted, PresentRecord found, bool authoritative) =>
        authoritative && found.Ttl != wanted.Ttl ? string.Create(CultureInfo.InvariantCulture, $"TTL {found.Ttl}, the policy says {wanted.Ttl}") : null;

    private static string TargetOf(PresentRecord record) => record.Type is "CNAME" or "SRV" ? record.Data.Split(' ')[^1].TrimEnd('.') : "";

    /// <summary>What one question got: the records owned by the name asked (a resolver may add the chain a
    /// CNAME leads to), whether the name exists, or why there is no usable answer.</summary>
    private sealed record Answer(IReadOnlyList<PresentRecord> Records, bool NameExists, bool Authoritative, string? Error, bool Refused = false);

    private static async Task<Answer> AskAsync(string owner, QueryType type, IDnsQuery dns, CancellationToken cancellationToken)
    {
        static Answer Failed(string why) => new([], false, false, why);
        IDnsQueryResponse response;
        var asked = Stopwatch.StartNew();
        try
        {
            response = await dns.QueryAsync(owner, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex) when (ex.Code == DnsResponseCode.ConnectionTimeout)
        {
            // DnsClient 1.8.0 reports a TCP connection the server closed before a whole answer as a timeout
            // too (DnsTcpMessageHandler throws TimeoutException on a read of 0 bytes): a "timeout" sooner
            // than the timeout is that, what an HTTP server does with a DNS question.
            return Failed(dns is LookupClient { Settings: { UseTcpOnly: true } settings } && asked.Elapsed < settings.Timeout
                ? "the server closed the connection before a whole answer came (in the middle of a message, or before one: is it a DNS server?)"
                : $"no answer before the timeout {NotReached}");
        }
        catch (DnsResponseParseException)
        {
            // DnsClient 1.8.0 throws it on TCP for bytes that do not parse (past the ID it checks first).
            return Failed("the answer is not a DNS message");
        }
        catch (DnsResponseException ex) when (ex.Code == DnsResponseCode.Unassigned && ex.Message.Contains("truncated", StringComparison.OrdinalIgnoreCase))
        {
            // On UDP, DnsClient 1.8.0 takes bytes that do not parse for a truncated answer, and says
            // "Response was truncated and UseTcpFallback is disabled" (LookupClient.QueryInternal): it
            // cannot tell the two apart, so neither can this line.
            return Failed("the answer over UDP is not a DNS message, or was truncated (ask again with --tcp)");
        }
        catch (DnsXidMismatchException)
        {
            return Failed("the answer is not to the question asked (another message ID)");
        }
        catch (Exception ex) when (ex is DnsResponseException or SocketException or IOException)
        {
            // DnsClient wraps what the system said ("Connection refused") in a message that names the
            // query's ID, different for each record.
            return Failed($"{(ex.InnerException ?? ex).Message.TrimEnd('.')} {NotReached}");
        }

        var code = response.Header.ResponseCode;
        if (code == DnsHeaderResponseCode.NotExistentDomain)
        {
            return new Answer([], false, response.Header.HasAuthorityAnswer, null);
        }

        if (code != DnsHeaderResponseCode.NoError)
        {
            var failed = Failed(code switch
            {
                // REFUSED ("for policy reasons", RFC 1035 section 4.1.1) is what an authoritative-only
                // server (Knot, NSD, BIND without recursion) answers for a zone it does not serve.
                DnsHeaderResponseCode.Refused => "the server refused (is it authoritative for this zone?)",
                DnsHeaderResponseCode.ServerFailure => "the server failed to answer (SERVFAIL)",
                _ => $"the server answered {code}",
            });
            return failed with { Refused = code == DnsHeaderResponseCode.Refused };
        }

        var records = response.Answers
            .Where(r => string.Equals(Absolute(r.DomainName.Original), owner, StringComparison.OrdinalIgnoreCase))
            .Select(r => Presentation(r))
            .ToList();
        return new Answer(records, true, response.Header.HasAuthorityAnswer, null);
    }

    /// <summary>RDATA the way the zone snippets write it, so it compares with <see cref="DnsRecord.Data"/>.</summary>
    private static PresentRecord Presentation(DnsResourceRecord record) => record switch
    {
        CNameRecord cname => new PresentRecord("CNAME", Absolute(cname.CanonicalName.Original), cname.InitialTimeToLive),
        SrvRecord srv => new PresentRecord("SRV", string.Create(CultureInfo.InvariantCulture, $"{srv.Priority} {srv.Weight} {srv.Port} {Absolute(srv.Target.Original)}"), srv.InitialTimeToLive),
        // Any other type (an A record where a CNAME belongs): DnsClient's "owner ttl class type data" line.
        _ => new PresentRecord(record.RecordType.ToString(), string.Join(' ', record.ToString().Split(' ', 5, StringSplitOptions.RemoveEmptyEntries).Skip(4)), record.InitialTimeToLive),
    };

    private static string Absolute(string name) => name.EndsWith('.') ? name : name + ".";
}
