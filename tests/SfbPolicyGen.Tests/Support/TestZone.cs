using System.Globalization;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A full zone around a generated snippet, as a DNS host would hold it: SOA, NS and the NS's
/// address, then the snippet by $INCLUDE (the README says a snippet can be included as it is).
/// Zone checkers and servers refuse a snippet alone (docs/DNS.md, "Zone text").</summary>
public static class TestZone
{
    /// <summary>The in-zone name server; no profile publishes a record named like this.</summary>
    public const string NameServer = "ns0";

    public static string Wrap(string domain, string snippetPath) => Head(domain) + $"$INCLUDE \"{snippetPath}\"\n";

    /// <summary>The same zone with its records written in it (<c>sip 3600 IN CNAME x.</c>, relative to the
    /// domain), as a DNS host exports it: what import reads of a zone a test's server serves.</summary>
    public static string Inline(string domain, IEnumerable<string> records) => Head(domain) + string.Concat(records.Select(r => r + "\n"));

    private static string Head(string domain) => string.Create(CultureInfo.InvariantCulture, $"""
        $ORIGIN {domain}.
        $TTL 3600
        @ 3600 IN SOA {NameServer}.{domain}. hostmaster.{domain}. 1 3600 600 86400 300
        @ 3600 IN NS {NameServer}.{domain}.
        {NameServer} 3600 IN A 127.0.0.1

        """);
}
