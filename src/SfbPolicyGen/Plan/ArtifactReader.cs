using System.Collections.Immutable;
using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Import;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Plan;

/// <summary>Reads artifacts back into <see cref="TenantFacts"/>, for a plan over a folder whose manifest
/// keeps no facts (written before they were kept, or by a run that stopped while writing). One reader
/// per kind that carries facts; lenient: a file it cannot read yields no facts, and plan still lists it
/// as changed. A test reads every golden artifact back and compares with the facts of its model.</summary>
internal static class ArtifactReader
{
    /// <summary>The GPO script's line that names its GPO (templates/gpo.ps1.sbn).</summary>
    private const string GpoNameLine = "$gpoName = ";

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
            string? gpo = null;
            DirectoryScriptFacts? directory = null;
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
                        trust.AddRange(TrustModelData(path, bytes));
                        break;
                    case FactSource.Records when entry.Domain is { } domain:
                        dns[domain] = ZoneRecords(path, bytes);
                        break;
                    case FactSource.TmgKeys:
                        tmg.AddRange(TmgKeys(bytes));
                        break;
                    case FactSource.DistinguishedNames:
                        names.AddRange(LdifNames(bytes));
                        break;
                    case FactSource.GpoName:
                        gpo = GpoName(bytes);
                        break;
                    case FactSource.DirectoryUsers:
                        directory = DirectoryScript(bytes);
                        break;
                }
            }

            // Retired entries leave no trace an artifact of this kind can be read back from.
            result[tenant.Key] = new TenantFacts(tenant.Key, trust.ToImmutable(), dns.ToImmutable(), tmg.ToImmutable(), names.ToImmutable(), [], [])
            {
                GpoName = gpo,
                DirectoryUsers = directory?.Users ?? [],
                DirectorySearch = directory?.Search,
            };
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
        GpoName,
        DirectoryUsers,
    }

    /// <summary>Which artifact holds which facts; the others hold the same facts again, or none.</summary>
    private static FactSource FactsIn(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Reg => FactSource.TrustModelData,
        ArtifactKind.Zone => FactSource.Records,
        ArtifactKind.TmgClientIni => FactSource.TmgKeys,
        ArtifactKind.Ldif => FactSource.DistinguishedNames,
        ArtifactKind.GpoScript => FactSource.GpoName,
        ArtifactKind.ActiveDirectoryScript => FactSource.DirectoryUsers,
        ArtifactKind.Admx or ArtifactKind.Adml or ArtifactKind.RegistryPol or ArtifactKind.LgpoText
            or ArtifactKind.TrustAppendScript or ArtifactKind.DnsServerScript or ArtifactKind.TmgServerScript or ArtifactKind.GatewayRules
            or ArtifactKind.ClientCleanupScript or ArtifactKind.Guide or ArtifactKind.GitAttributes or ArtifactKind.NsUpdate
            or ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => FactSource.None,
    };

    /// <summary>TrustModelData per client id, from a .reg file, read by import's reader (one reader per
    /// format): the machine-wide values it sets; a file it refuses gives none.</summary>
    public static Dictionary<string, ImmutableArray<string>> TrustModelData(string path, byte[] reg)
    {
        var findings = new ImportFindings();
        RegFileReader.Read(path, reg, findings, new DiagnosticBag());
        return findings.TrustValues
            .Where(v => v.IsMachine && v.Entries is not null)
            .ToDictionary(v => v.Client.Id, v => v.Entries!.Value, StringComparer.Ordinal);
    }

    /// <summary>Records of a zone snippet, read by import's zone reader (one reader per format), owners
    /// made relative to the zone's domain again as the model names them (<c>sip</c>, <c>@</c> for the
    /// domain itself); a file it refuses gives none.</summary>
    private static ImmutableArray<RecordFact> ZoneRecords(string path, byte[] zone)
    {
        var findings = new ImportFindings();
        ZoneFileReader.Read(path, zone, findings, new DiagnosticBag());
        return [.. findings.Zones.SelectMany(z => z.Records.Select(r => new RecordFact(Relative(r.Owner, z.Domain), r.Type, r.Data, r.Ttl)))];
    }

    /// <summary>An absolute owner (<c>sip.contoso.com.</c>) relative to <paramref name="domain"/>.</summary>
    private static string Relative(string owner, string domain) =>
        owner == $"{domain}." ? "@"
        : owner.EndsWith($".{domain}.", StringComparison.Ordinal) ? owner[..^(domain.Length + 2)]
        : owner;

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

    /// <summary>The GPO the GPO script creates or updates: its <c>$gpoName = '...'</c> line.</summary>
    private static string? GpoName(byte[] script) => Decode(script, ArtifactKind.GpoScript).Split('\n')
        .Select(l => l.TrimEnd('\r'))
        .Where(l => l.StartsWith(GpoNameLine, StringComparison.Ordinal))
        .Select(l => PowerShellText.Unquoted(l[GpoNameLine.Length..]))
        .FirstOrDefault();

    private sealed record DirectoryScriptFacts(ImmutableArray<string> Users, DirectorySearchFact? Search);

    /// <summary>From the AD script (templates/ad.ps1.sbn): the users of its table found by UPN or
    /// sAMAccountName (an <c>@{ By = '...'; Value = '...' }</c> line each; those given by DN come from the
    /// LDIF), and its <c>$searchBase</c> and <c>$ldapFilter</c>.</summary>
    private static DirectoryScriptFacts DirectoryScript(byte[] script)
    {
        const string Row = "@{ By = ", Value = "; Value = ", Base = "$searchBase = ", Filter = "$ldapFilter = ";
        var users = ImmutableArray.CreateBuilder<string>();
        string? searchBase = null;
        string? filter = null;
        foreach (var line in Decode(script, ArtifactKind.ActiveDirectoryScript).Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith(Row, StringComparison.Ordinal) && line.EndsWith(" }", StringComparison.Ordinal) && line.IndexOf(Value, StringComparison.Ordinal) is > 0 and var at
                && PowerShellText.Unquoted(line[Row.Length..at]) is { } by && PowerShellText.Unquoted(line[(at + Value.Length)..^2]) is { } user
                && (by == "UserPrincipalName" || DirectoryNames.Classify(user) != DirectoryUserKind.DistinguishedName))
            {
                users.Add(user);
            }
            else if (line.StartsWith(Base, StringComparison.Ordinal))
            {
                searchBase = PowerShellText.Unquoted(line[Base.Length..]);
            }
            else if (line.StartsWith(Filter, StringComparison.Ordinal))
            {
                filter = PowerShellText.Unquoted(line[Filter.Length..]);
            }
        }

        return new DirectoryScriptFacts(users.ToImmutable(), searchBase is not null && filter is not null ? new DirectorySearchFact(searchBase, filter) : null);
    }

    private static string Decode(byte[] bytes, ArtifactKind kind) => ArtifactFormat.For(kind).Decode(bytes);
}
