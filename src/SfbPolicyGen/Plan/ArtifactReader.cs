using System.Text;
using System.Xml.Linq;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Plan;

/// <summary>Reads the artifacts the tool writes back into the domain's terms, for plan: one reader per
/// kind that plan describes, each returning "facts" keyed by what a reviewer thinks in (a client's
/// trusted domains, a zone's records, a TMG section's keys). The same reader reads the committed file
/// and the new one, so plan compares like with like. Lenient: a file it cannot read yields no facts,
/// and plan still lists it as changed.</summary>
public static class ArtifactReader
{
    /// <summary>TrustModelData per client id, from a .reg file (UTF-16LE).</summary>
    public static Dictionary<string, List<string>> TrustModelData(byte[] reg)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? client = null;
        foreach (var line in Decode(reg, utf16: true).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                client = TrustClient.All.FirstOrDefault(c => string.Equals(line[1..^1], $@"{TrustClient.Hive}\{c.PolicyKey}", StringComparison.OrdinalIgnoreCase))?.Id;
            }
            else if (client is not null && line.StartsWith($"\"{TrustClient.ValueName}\"=\"", StringComparison.Ordinal) && line.EndsWith('"'))
            {
                // Domain names hold neither '\' nor '"': the value needs no unescaping.
                result[client] = [.. TrustListMerger.Entries(line[(TrustClient.ValueName.Length + 4)..^1])];
            }
        }

        return result;
    }

    /// <summary>Records of a zone snippet as "name TYPE rdata" (owner relative), with their TTL.</summary>
    public static Dictionary<string, string> ZoneRecords(byte[] zone)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Decode(zone, utf16: false).Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && !line.StartsWith(';') && !line.StartsWith('$') && fields[2] == "IN")
            {
                result[$"{fields[0]} {fields[3]} {string.Join(' ', fields[4..])}"] = fields[1];
            }
        }

        return result;
    }

    /// <summary>"application key" → value, from Application.ini.</summary>
    public static Dictionary<string, string> TmgKeys(byte[] ini)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? section = null;
        foreach (var line in Decode(ini, utf16: false).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
            }
            else if (section is not null && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals && !line.StartsWith(';'))
            {
                result[$"{section} {line[..equals]}"] = line[(equals + 1)..];
            }
        }

        return result;
    }

    /// <summary>The client ids the ADMX has a policy for (policy names TrustModelData_&lt;client&gt;).</summary>
    public static HashSet<string> AdmxPolicies(byte[] admx)
    {
        try
        {
            using var stream = new MemoryStream(admx);
            var document = XDocument.Load(stream);
            return [.. document.Descendants().Where(e => e.Name.LocalName == "policy")
                .Select(e => (string?)e.Attribute("name") ?? "")
                .Where(n => n.StartsWith(TrustClient.ValueName + "_", StringComparison.Ordinal))
                .Select(n => n[(TrustClient.ValueName.Length + 1)..])];
        }
        catch (System.Xml.XmlException)
        {
            return [];
        }
    }

    /// <summary>The distinguished names an LDIF file modifies ("dn:" or base64 "dn::").</summary>
    public static List<string> LdifNames(byte[] ldif)
    {
        var result = new List<string>();
        foreach (var line in Decode(ldif, utf16: false).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("dn:: ", StringComparison.Ordinal))
            {
                try
                {
                    result.Add(Encoding.UTF8.GetString(Convert.FromBase64String(line[5..])));
                }
                catch (FormatException)
                {
                    result.Add(line[5..]);
                }
            }
            else if (line.StartsWith("dn: ", StringComparison.Ordinal))
            {
                result.Add(line[4..]);
            }
        }

        return result;
    }

    private static string Decode(byte[] bytes, bool utf16) =>
        new ArtifactFormat("read", utf16, utf16, "\n").Decode(bytes);
}
