using System.Globalization;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using SfbPolicyGen.Concerns.Dns;
using SfbPolicyGen.Output;
using SfbPolicyGen.Tests.Consumers;

namespace SfbPolicyGen.Tests.Support;

/// <summary>What the tests of the RFC 2136 messages share: a zone as records, a server holding it
/// (knotd or named, <see cref="IAuthoritativeServer"/>), the messages sent with a client (knsupdate or
/// nsupdate) one file at a time as the README says, and what the zone then holds.</summary>
public static class DnsUpdates
{
    /// <summary>The names a test looks at: the tool's four, and two it never writes at.</summary>
    public static readonly string[] Names = ["_sip._tls", "_sipfederationtls._tcp", "lyncdiscover", "sip", "www", "@"];

    private static readonly QueryType[] Types = [QueryType.CNAME, QueryType.SRV, QueryType.A, QueryType.MX, QueryType.TXT];

    /// <param name="zones">Each zone's records, one line each, relative to its domain (<c>sip 3600 IN CNAME x.</c>).</param>
    /// <param name="transferable">Also allow zone transfers (AXFR) to 127.0.0.1, which named always does.</param>
    public static IAuthoritativeServer Start(string server, TempFolder temp, IReadOnlyDictionary<string, string[]> zones, bool transferable = false)
    {
        var texts = zones.ToDictionary(z => z.Key, z =>
        {
            var snippet = temp.File(z.Key + ".records");
            File.WriteAllText(snippet, $"$ORIGIN {z.Key}.\n" + string.Concat(z.Value.Select(line => line + "\n")));
            return TestZone.Wrap(z.Key, snippet);
        }, StringComparer.Ordinal);
        return server switch
        {
            "knotd" => KnotServer.Start(texts, acceptUpdates: true, transferable: transferable ? [.. texts.Keys] : null),
            "named" => BindServer.Start(texts),
            _ => throw new ArgumentOutOfRangeException(nameof(server), server, "knotd or named"),
        };
    }

    /// <summary>The client's full path: knsupdate (knot-dnsutils) or nsupdate (bind9-dnsutils).</summary>
    public static string Client(string client) => client switch
    {
        "knsupdate" => ExternalTool.Require("knsupdate", "knot-dnsutils"),
        "nsupdate" => ExternalTool.Require("nsupdate", "bind9-dnsutils"),
        _ => throw new ArgumentOutOfRangeException(nameof(client), client, "knsupdate or nsupdate"),
    };

    /// <summary>Each domain's RFC 2136 messages of a tree, in ordinal order of file name, as written to disk.</summary>
    public static Dictionary<string, List<string>> Messages(GeneratedTree tree, TempFolder temp)
    {
        var messages = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var run = Guid.NewGuid().ToString("N")[..8];
        foreach (var artifact in tree.Render().SelectMany(t => t.Artifacts).Where(a => a.Artifact.Kind == DnsKinds.NsUpdate))
        {
            var file = temp.File(Path.Combine(run, artifact.Path));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, artifact.Bytes);
            var domain = artifact.Artifact.Domain!;
            if (!messages.TryGetValue(domain, out var list))
            {
                messages[domain] = list = [];
            }

            list.Add(file);
        }

        foreach (var list in messages.Values)
        {
            list.Sort((a, b) => string.CompareOrdinal(Path.GetFileName(a), Path.GetFileName(b)));
        }

        return messages;
    }

    /// <summary>One file, its "server" line aimed at the test's server (as an operator gives the primary,
    /// or dns.updateServer does), signed with the test key.</summary>
    public static ProcessResult Send(string client, IAuthoritativeServer server, string message)
    {
        var aimed = message + ".aimed";
        File.WriteAllText(aimed, $"server 127.0.0.1 {server.Port}\n" + File.ReadAllText(message));
        return ExternalTool.Run(client, ["-y", KnotServer.UpdateKey, aimed], timeout: TimeSpan.FromSeconds(30));
    }

    /// <summary>Every file, one client run each, in order; the exit code of each.</summary>
    public static List<int> SendAll(string client, IAuthoritativeServer server, IEnumerable<string> messages) =>
        [.. messages.Select(m => Send(client, server, m).ExitCode)];

    /// <summary>What the zone holds at <see cref="Names"/>: "owner TTL IN TYPE data", names lowercase, ordinal order.</summary>
    public static List<string> Snapshot(IAuthoritativeServer server, string domain)
    {
        var client = server.Client(tcp: true);
        var lines = new List<string>();
        foreach (var name in Names)
        {
            var owner = name == "@" ? domain + "." : $"{name}.{domain}.";
            foreach (var type in Types)
            {
                lines.AddRange(client.Query(owner, type).Answers
                    .Where(r => string.Equals(r.DomainName.Original.TrimEnd('.') + ".", owner, StringComparison.OrdinalIgnoreCase) && r.RecordType.ToString() == type.ToString())
                    .Select(r => Line(owner, r)));
            }
        }

        return [.. lines.Distinct().Order(StringComparer.Ordinal)];
    }

    public static long Serial(IAuthoritativeServer server, string domain) =>
        server.Client(tcp: true).Query(domain + ".", QueryType.SOA).Answers.SoaRecords().Single().Serial;

    /// <summary>Asks for a name's CNAME over UDP without a pause until disposed, and
    /// counts the answers that do not hold one: a wanted name must never vanish, not for one answer.</summary>
    public sealed class Watch : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Watch(IAuthoritativeServer server, string owner)
        {
            var client = server.Client(tcp: false, TimeSpan.FromSeconds(1));
            _loop = Task.Run(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    try
                    {
                        var answer = client.Query(owner, QueryType.CNAME);
                        Interlocked.Increment(ref _asked);
                        if (!answer.Answers.CnameRecords().Any())
                        {
                            Interlocked.Increment(ref _missing);
                        }
                    }
                    catch (Exception e) when (e is DnsResponseException or SocketException)
                    {
                        Interlocked.Increment(ref _unanswered);
                    }
                }
            });
        }

        private int _asked;
        private int _missing;
        private int _unanswered;

        public int Asked => _asked;

        public int Missing => _missing;

        public int Unanswered => _unanswered;

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }

    private static string Line(string owner, DnsResourceRecord record)
    {
        var data = record switch
        {
            CNameRecord c => c.CanonicalName.Original,
            SrvRecord s => string.Create(CultureInfo.InvariantCulture, $"{s.Priority} {s.Weight} {s.Port} {s.Target.Original}"),
            MxRecord m => string.Create(CultureInfo.InvariantCulture, $"{m.Preference} {m.Exchange.Original}"),
            ARecord a => a.Address.ToString(),
            TxtRecord t => $"\"{string.Join("", t.Text)}\"",
            _ => record.ToString(),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{owner.ToLowerInvariant()} {record.InitialTimeToLive} IN {record.RecordType} {data.ToLowerInvariant()}");
    }
}
