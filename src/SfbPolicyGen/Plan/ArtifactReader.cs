using System.Collections.Immutable;
using System.Text;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Plan;

/// <summary>Reads artifacts back into <see cref="TenantFacts"/>, for a plan over a folder whose manifest
/// keeps no facts (written before they were kept, or by a run that stopped while writing). One reader
/// per kind that carries facts; lenient: a file it cannot read yields no facts, and plan still lists it
/// as changed. A test reads every golden artifact back and compares with the facts of its model.</summary>
internal static class ArtifactReader
{
    /// <summary>The facts of every tenant the manifest lists, from its files as they are on disk.</summary>
    public static Dictionary<string, TenantFacts> Facts(string outDirectory, IReadOnlyList<ManifestEntry> entries)
    {
        var result = new Dictionary<string, TenantFacts>(StringComparer.Ordinal);
        var root = Path.GetFullPath(outDirectory);
        foreach (var tenant in entries.GroupBy(e => e.Tenant, StringComparer.Ordinal))
        {
            var trust = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
            var dns = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<RecordFact>>(StringComparer.Ordinal);
            var tmg = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            var names = ImmutableArray.CreateBuilder<string>();
            foreach (var entry in tenant)
            {
                var source = FactsIn(entry.Kind);
                var path = OutputFolder.Resolve(root, entry.Path);
                if (source == FactSource.None || !File.Exists(path))
                {
                    continue;
                }

                var bytes = File.ReadAllBytes(path);
                switch (source)
                {
                    case FactSource.TrustModelData:
                        trust.AddRange(TrustModelData(bytes));
                        break;
                    case FactSource.Records when entry.Domain is { } domain:
                        dns[domain] = ZoneRecords(bytes);
                        break;
                    case FactSource.TmgKeys:
                        tmg.AddRange(TmgKeys(bytes));
                        break;
                    case FactSource.DistinguishedNames:
                        names.AddRange(LdifNames(bytes));
                        break;
                }
            }

            // Retired entries leave no trace an artifact of this kind can be read back from.
            result[tenant.Key] = new TenantFacts(tenant.Key, trust.ToImmutable(), dns.ToImmutable(), tmg.ToImmutable(), names.ToImmutable(), [], []);
        }

        return result;
    }

    private enum FactSource
    {
        None,
        TrustModelData,
        Records,
        TmgKeys,
        DistinguishedNames,
    }

    /// <summary>Which artifact holds which facts; the others hold the same facts again, or none.</summary>
    private static FactSource FactsIn(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Reg => FactSource.TrustModelData,
        ArtifactKind.Zone => FactSource.Records,
        ArtifactKind.TmgClientIni => FactSource.TmgKeys,
        ArtifactKind.Ldif => FactSource.DistinguishedNames,
        ArtifactKind.Admx or ArtifactKind.Adml or ArtifactKind.RegistryPol or ArtifactKind.LgpoText or ArtifactKind.GpoScript
            or ArtifactKind.TrustAppendScript or ArtifactKind.DnsServerScript or ArtifactKind.TmgServerScript or ArtifactKind.GatewayRules
            or ArtifactKind.ActiveDirectoryScript or ArtifactKind.ClientCleanupScript or ArtifactKind.Guide or ArtifactKind.GitAttributes or ArtifactKind.NsUpdate
            or ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => FactSource.None,
    };

    /// <summary>TrustModelData per client id, from a .reg file (UTF-16LE).</summary>
    public static Dictionary<string, ImmutableArray<string>> TrustModelData(byte[] reg)
    {
        var result = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        string? client = null;
        foreach (var line in Decode(reg, ArtifactKind.Reg).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                client = TrustClient.All.FirstOrDefault(c => string.Equals(line[1..^1], $@"{TrustClient.Hive}\{c.PolicyKey}", StringComparison.OrdinalIgnoreCase))?.Id;
            }
            else if (client is not null && line.StartsWith($"\"{TrustClient.ValueName}\"=\"", StringComparison.Ordinal) && line.EndsWith('"'))
            {
                // Domain names hold neither '\' nor '"': the value needs no unescaping.
                result[client] = TrustListMerger.Entries(line[(TrustClient.ValueName.Length + 4)..^1]);
            }
        }

        return result;
    }

    /// <summary>Records of a zone snippet (owner relative, "name TTL IN TYPE rdata" lines).</summary>
    private static ImmutableArray<RecordFact> ZoneRecords(byte[] zone)
    {
        var result = ImmutableArray.CreateBuilder<RecordFact>();
        foreach (var line in Decode(zone, ArtifactKind.Zone).Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && !line.StartsWith(';') && !line.StartsWith('$') && fields[2] == "IN" && int.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var ttl))
            {
                result.Add(new RecordFact(fields[0], fields[3], string.Join(' ', fields[4..]), ttl));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>"application key" → value, from Application.ini.</summary>
    public static Dictionary<string, string> TmgKeys(byte[] ini)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? section = null;
        foreach (var line in Decode(ini, ArtifactKind.TmgClientIni).Split('\n').Select(l => l.TrimEnd('\r')))
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

    /// <summary>The distinguished names an LDIF file modifies ("dn:" or base64 "dn::").</summary>
    private static List<string> LdifNames(byte[] ldif)
    {
        var result = new List<string>();
        foreach (var line in Decode(ldif, ArtifactKind.Ldif).Split('\n').Select(l => l.TrimEnd('\r')))
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

    private static string Decode(byte[] bytes, ArtifactKind kind) => ArtifactFormat.For(kind).Decode(bytes);
}
