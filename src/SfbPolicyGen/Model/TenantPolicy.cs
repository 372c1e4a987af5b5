using System.Collections.Immutable;
using System.Globalization;

namespace SfbPolicyGen.Model;

/// <param name="ActiveDirectory">Null without an activeDirectory section: nothing is generated for AD.</param>
/// <param name="ClientCleanup">Opt-in: the client clean-up script deletes credentials and key folders.</param>
/// <summary>One tenant, loaded, validated and normalised: names lowercased and punycoded, defaults
/// applied, the TrustModelData value merged. Writers read only this; they never see YAML.</summary>
/// <param name="NameAt">Where tenant.name is written, for diagnostics across files.</param>
/// <param name="DomainsAt">Where each of <paramref name="Domains"/> is written, for diagnostics across files.</param>
/// <param name="Retired">What earlier versions deployed and the deploy artifacts take away.</param>
/// <param name="Safety">How much of what the tenant deployed one generate may remove without --force.</param>
public sealed record TenantPolicy(
    string SourceFile,
    Diagnostics.SourceSpan NameAt,
    string Name,
    string DisplayName,
    ImmutableArray<string> Domains,
    ImmutableArray<Diagnostics.SourceSpan> DomainsAt,
    TrustModelDataPolicy TrustModelData,
    ProxyPolicy Proxy,
    DnsPolicy Dns,
    AdmxPolicy Admx,
    GpoPolicy Gpo,
    ActiveDirectoryPolicy? ActiveDirectory,
    bool ClientCleanup,
    RetiredPolicy Retired,
    SafetyPolicy Safety)
{
    /// <summary>The client clean-up script is opt-in: it deletes credentials and key folders.</summary>
    public const bool DefaultClientCleanup = false;

    /// <summary>The values of the keys that no reader of the loader knows by name
    /// (<see cref="Concerns.KeyReading.Generic"/>): a concern's settings, by key path.</summary>
    public PolicySettings Settings { get; init; } = PolicySettings.Empty;

    /// <summary>The AD FS federation service verify checks; null without an adfs section.</summary>
    public AdfsPolicy? Adfs { get; init; }

    /// <summary>The domain's time source; null without a time section: nothing is generated for time (opt-in).</summary>
    public TimePolicy? Time { get; init; }

    /// <summary>The policy file's name as artifacts cite it: its name only, not its folder, so that the
    /// bytes do not depend on where generate runs from (tenants/a.yaml, ./a.yaml and a.yaml alike).</summary>
    public string SourceFileName => Path.GetFileName(SourceFile);

    /// <summary>The policy file's name where no escaper applies (a script's comment block, a zone
    /// comment, an nsupdate comment): the name when it holds only letters, digits, '.', '_' and '-',
    /// else "its policy file" (a name with "#>" or a line break would end a comment).</summary>
    public string SourceLabel => SourceFileName.Length is > 0 and <= 100 && SourceFileName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
        ? SourceFileName
        : "its policy file";

    /// <summary>The policy file as the guide's commands give it: the path as given on the command line,
    /// relative to the working folder, with '/' separators and no leading "./", so that <c>generate
    /// tenants</c>, <c>generate ./tenants</c> and <c>generate tenants/a.yaml</c> write the same bytes. An
    /// absolute path names the machine's own folders (a home, a CI workspace), so the bytes would differ
    /// from one machine to the next: its file name stands in (what a run beside the file gives, and what
    /// the golden cases compare). A path with a control character, which would break the guide's line,
    /// gives the placeholder POLICYFILE.</summary>
    public string SourcePath
    {
        get
        {
            var path = Path.IsPathRooted(SourceFile) ? SourceFileName : SourceFile.Replace(Path.DirectorySeparatorChar, '/');
            while (path.StartsWith("./", StringComparison.Ordinal))
            {
                path = path[2..].TrimStart('/');
            }

            return path.Length == 0 || path.Any(char.IsControl) ? "POLICYFILE" : path;
        }
    }

    /// <summary>The domains in ordinal order: the order of zone snippets and of every per-domain list.</summary>
    public IEnumerable<string> SortedDomains => Domains.Order(StringComparer.Ordinal);

    /// <summary>The TrustModelData entries this tenant put in values (its domains, trustModelData.add and
    /// retired domains), each once in that order: what a retired client's value loses, and nothing else.</summary>
    public IEnumerable<string> OwnTrustEntries => Domains.Concat(TrustModelData.Add).Concat(Retired.Domains).Distinct(StringComparer.Ordinal);
}

/// <param name="Clients">In the fixed order of <see cref="TrustClient.All"/>.</param>
/// <param name="Value">The merged entries: existing, Microsoft defaults, domains, add.</param>
public sealed record TrustModelDataPolicy(
    ImmutableArray<TrustClient> Clients,
    ImmutableArray<string> Existing,
    bool KeepMicrosoftDefaults,
    ImmutableArray<string> Add,
    ImmutableArray<string> Value)
{
    /// <summary>Without trustModelData.keepMicrosoftDefaults, the value keeps Microsoft's entries.</summary>
    public const bool DefaultKeepMicrosoftDefaults = true;

    /// <summary>The REG_SZ data: comma-separated, no spaces (Office ADMX: "comma separated list").</summary>
    public string RegistryValue => string.Join(',', Value);

    /// <summary>The clients in ordinal order of their policy key: regedit's export order, which the .reg
    /// file, Registry.pol and the scripts all follow.</summary>
    public IEnumerable<TrustClient> ClientsByKey => Clients.OrderBy(c => c.PolicyKey, StringComparer.Ordinal);
}

public enum ProxyKind
{
    None,
    Tmg,
    Other,
}

public static class ProxyKindNames
{
    /// <summary>proxy.kind in policies.yaml, also what the guide calls it.</summary>
    public static string YamlName(this ProxyKind kind) => kind switch
    {
        ProxyKind.None => "none",
        ProxyKind.Tmg => "tmg",
        ProxyKind.Other => "other",
    };

    public static readonly NameTable<ProxyKind> Table = NameTable.ForEnum<ProxyKind>(YamlName);
}

/// <summary>A Forefront TMG Client application section. <see cref="Name"/> is the executable name
/// without <c>.exe</c>; Disable/DisableEx are 0 or 1 (TMG SDK, FPCClientSettingsSection).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "DisableEx is the TMG client key's own name.")]
public sealed record ProxyApplication(string Name, int Disable, int DisableEx)
{
    public static readonly ProxyApplication SeedRule = new("msoidsvc", 0, 0);

    /// <summary>What Disable and DisableEx may be, as policies.yaml writes them.</summary>
    public static readonly NameTable<int> SwitchValues = new([0, 1], value => value.ToString(CultureInfo.InvariantCulture));
}

public sealed record ProxyPolicy(ProxyKind Kind, ImmutableArray<ProxyApplication> Applications)
{
    /// <summary>In ordinal order of name: the order of Application.ini's sections and of every rule list.</summary>
    public IEnumerable<ProxyApplication> SortedApplications => Applications.OrderBy(a => a.Name, StringComparer.Ordinal);
}

/// <param name="Records">The records each domain gets, relative to it; the zone writer orders them.</param>
/// <param name="UpdateServer">The primary the RFC 2136 batches send to; null leaves it to the operator.</param>
/// <param name="Manage">Names whose Microsoft records the tool owns though it did not publish them (dns.manage).</param>
/// <param name="Keep">Names every DNS path leaves as they are (dns.keep).</param>
public sealed record DnsPolicy(
    DnsProfile Profile,
    DnsCloud Cloud,
    int Ttl,
    string SipTarget,
    bool Lyncdiscover,
    ImmutableArray<DnsRecord> Records,
    DnsServerAddress? UpdateServer,
    ImmutableArray<DnsNameScope> Manage,
    ImmutableArray<DnsNameScope> Keep)
{
    /// <summary>Seconds; the TTL Microsoft documents for these records (docs/DNS.md, "The records").</summary>
    public const int DefaultTtl = 3600;

    /// <summary>Without dns.lyncdiscover, skype-online publishes lyncdiscover.</summary>
    public const bool DefaultLyncdiscover = true;

    /// <summary>The records in the one order of zone files and scripts (<see cref="DnsRecordSet.InZoneOrder"/>).</summary>
    public IEnumerable<DnsRecord> RecordsInZoneOrder => DnsRecordSet.InZoneOrder(Records);

    /// <summary>The records one domain gets: the profile's, but for the names dns.keep leaves alone there.</summary>
    public IEnumerable<DnsRecord> RecordsAt(string domain) => RecordsInZoneOrder.Where(r => !IsKept(domain, r.Name));

    public bool IsKept(string domain, string name) => Covers(Keep, domain, name);

    /// <summary>dns.manage gives the tool the Microsoft records at <paramref name="name"/> in <paramref name="domain"/>.</summary>
    public bool Manages(string domain, string name) => Covers(Manage, domain, name);

    /// <summary>The record the profile publishes at <paramref name="name"/>, or null (one at most per name).</summary>
    public DnsRecord? RecordAt(string name)
    {
        foreach (var record in Records)
        {
            if (record.Name == name)
            {
                return record;
            }
        }

        return null;
    }

    // Asked for every name of every domain: a loop, not LINQ (DnsRules.ForDomain).
    private static bool Covers(ImmutableArray<DnsNameScope> scopes, string domain, string name)
    {
        foreach (var scope in scopes)
        {
            if (scope.Covers(domain, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sip target is the French troubleshooting article's value, which its English edition
    /// and Microsoft's DNS reference do not give (docs/DNS.md, "The records"): zone and guide say so.</summary>
    public bool UsesSeedSipTarget => Profile == DnsProfile.Troubleshooting && SipTarget == DnsCloudTargets.SeedSipTarget;
}

/// <param name="Namespace">The target namespace, unique across the central store.</param>
/// <param name="Prefix">The target prefix.</param>
/// <param name="Languages">ADML languages, ordinal order.</param>
/// <param name="FileName">The .admx/.adml base name.</param>
public sealed record AdmxPolicy(string Namespace, string Prefix, ImmutableArray<string> Languages, string FileName);

/// <param name="Name">The GPO the gpo script creates or updates (free text, validated at load).</param>
public sealed record GpoPolicy(string Name)
{
    public const int MaxNameLength = 200;

    public static string DefaultName(string tenant) => $"Skype for Business sign-in ({tenant})";
}
