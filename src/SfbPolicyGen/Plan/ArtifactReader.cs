using System.Collections.Immutable;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Concerns.Dns;
using SfbPolicyGen.Concerns.Trust;
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
    public static Dictionary<string, TenantFacts> Facts(string outDirectory, IReadOnlyList<ManifestEntry> entries, ConcernRegistry registry)
    {
        var result = new Dictionary<string, TenantFacts>(StringComparer.Ordinal);
        var root = Path.GetFullPath(outDirectory);
        foreach (var tenant in entries.GroupBy(e => e.Tenant, StringComparer.Ordinal))
        {
            var trust = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
            var dns = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<RecordFact>>(StringComparer.Ordinal);
            var declared = new List<DeclaredFact>();
            string? gpo = null;
            foreach (var entry in tenant)
            {
                var source = FactsIn(entry.Kind);
                var path = OutputFolder.Resolve(root, entry.Path);
                var readers = registry.Facts.Where(f => f.ReadsBack(entry.Kind)).ToList();
                if ((source == FactSource.None && readers.Count == 0) || !File.Exists(path))
                {
                    continue;
                }

                var bytes = File.ReadAllBytes(path);
                declared.AddRange(readers.Select(kind => kind.ReadBackFrom(entry.Kind, bytes) is { } fact ? new DeclaredFact(kind, fact) : null).OfType<DeclaredFact>());
                switch (source)
                {
                    case FactSource.TrustModelData:
                        trust.AddRange(TrustModelData(path, bytes));
                        break;
                    case FactSource.Records when entry.Domain is { } domain:
                        dns[domain] = ZoneRecords(path, bytes);
                        break;
                    case FactSource.GpoName:
                        gpo = GpoName(bytes);
                        break;
                }
            }

            // Retired entries leave no trace an artifact of this kind can be read back from.
            result[tenant.Key] = new TenantFacts(tenant.Key, trust.ToImmutable(), dns.ToImmutable(), [], [])
            {
                GpoName = gpo,
                Declared = [.. declared.OrderBy(d => registry.Facts.IndexOf(d.Kind))],
            };
        }

        return result;
    }

    private enum FactSource
    {
        None,
        TrustModelData,
        Records,
        GpoName,
    }

    /// <summary>Which artifact holds which facts; the others hold the same facts again, or none.</summary>
    private static readonly Dictionary<ArtifactKind, FactSource> Sources = new()
    {
        [TrustKinds.Reg] = FactSource.TrustModelData,
        [DnsKinds.Zone] = FactSource.Records,
        [TrustKinds.GpoScript] = FactSource.GpoName,
    };

    private static FactSource FactsIn(ArtifactKind kind) => Sources.GetValueOrDefault(kind, FactSource.None);

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

    /// <summary>The GPO the GPO script creates or updates: its <c>$gpoName = '...'</c> line.</summary>
    private static string? GpoName(byte[] script) => Decode(script, TrustKinds.GpoScript).Split('\n')
        .Select(l => l.TrimEnd('\r'))
        .Where(l => l.StartsWith(GpoNameLine, StringComparison.Ordinal))
        .Select(l => PowerShellText.Unquoted(l[GpoNameLine.Length..]))
        .FirstOrDefault();

    private static string Decode(byte[] bytes, ArtifactKind kind) => kind.Format.Decode(bytes);
}
