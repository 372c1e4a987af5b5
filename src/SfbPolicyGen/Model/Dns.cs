using System.Collections.Immutable;
using System.Globalization;

namespace SfbPolicyGen.Model;

public enum DnsProfile
{
    /// <summary>The seed article's single record: <c>sip CNAME sipdir.online.microsoft.com</c>.</summary>
    Troubleshooting,

    /// <summary>Microsoft 365 "DNS records for Skype for Business Online": sip, lyncdiscover and two SRV.</summary>
    SkypeOnline,

    /// <summary>Teams-only tenants keep only the federation SRV.</summary>
    TeamsOnly,
}

public static class DnsProfileNames
{
    /// <summary>dns.profile in policies.yaml, also what the zone snippets and the guide call it.</summary>
    public static string YamlName(this DnsProfile profile) => profile switch
    {
        DnsProfile.Troubleshooting => "troubleshooting",
        DnsProfile.SkypeOnline => "skype-online",
        DnsProfile.TeamsOnly => "teams-only",
    };

    public static readonly NameTable<DnsProfile> Table = NameTable.ForEnum<DnsProfile>(YamlName);
}

public enum DnsCloud
{
    Worldwide,
    Germany,
    China21Vianet,
}

public static class DnsCloudNames
{
    /// <summary>dns.cloud in policies.yaml, also what the zone snippets call it.</summary>
    public static string YamlName(this DnsCloud cloud) => cloud switch
    {
        DnsCloud.Worldwide => "worldwide",
        DnsCloud.Germany => "germany",
        DnsCloud.China21Vianet => "21vianet",
    };

    public static readonly NameTable<DnsCloud> Table = NameTable.ForEnum<DnsCloud>(YamlName);
}

/// <summary>One resource record, relative to the domain it is published in.</summary>
/// <param name="Name">Owner name relative to the zone apex (e.g. <c>_sip._tls</c>).</param>
/// <param name="Type">CNAME or SRV.</param>
/// <param name="Ttl">Seconds.</param>
/// <param name="Target">Absolute target host name, without its trailing dot.</param>
/// <param name="Priority">SRV only.</param>
/// <param name="Weight">SRV only.</param>
/// <param name="Port">SRV only.</param>
public sealed record DnsRecord(string Name, string Type, int Ttl, string Target, int Priority = 0, int Weight = 0, int Port = 0)
{
    // What identifies the record is get-only, so that no 'with' can change it (only the TTL may be
    // changed, and it is in neither Data nor Key): Data and Key are then computed once, at
    // construction. Records are compared and sorted by them in every DNS writer, for every name of every
    // domain; computed on each read, they were a sixth of what a generate of a thousand tenants
    // allocated (docs/PERFORMANCE.md).
    public string Name { get; } = Name;

    public string Type { get; } = Type;

    public string Target { get; } = Target;

    public int Priority { get; } = Priority;

    public int Weight { get; } = Weight;

    public int Port { get; } = Port;

    /// <summary>The target with its trailing dot: a zone file without it would silently read the name
    /// as relative to the zone (docs/DNS.md, "Zone text").</summary>
    public string AbsoluteTarget { get; } = Target + ".";

    /// <summary>RDATA in presentation form, the target absolute (trailing dot).</summary>
    public string Data { get; } = Type == "SRV" ? string.Create(CultureInfo.InvariantCulture, $"{Priority} {Weight} {Port} {Target}.") : Target + ".";

    /// <summary>What identifies the record whatever its TTL: <c>sip CNAME sipdir.online.lync.com.</c>.</summary>
    public string Key { get; } = Type == "SRV" ? string.Create(CultureInfo.InvariantCulture, $"{Name} SRV {Priority} {Weight} {Port} {Target}.") : $"{Name} {Type} {Target}.";

    /// <summary>The record a fact of the manifest states (its data as <see cref="Data"/> writes it).</summary>
    public static DnsRecord FromFact(RecordFact fact)
    {
        var fields = fact.Data.Split(' ');
        var target = fields[^1].TrimEnd('.');
        return fact.Type == "SRV" && fields.Length == 4
            ? new DnsRecord(fact.Name, "SRV", fact.Ttl, target, Number(fields[0]), Number(fields[1]), Number(fields[2]))
            : new DnsRecord(fact.Name, fact.Type, fact.Ttl, target);
    }

    public RecordFact ToFact() => new(Name, Type, Data, Ttl);

    private static int Number(string text) => int.Parse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The documented targets of each cloud (docs/DNS.md, "The records").</summary>
public sealed record DnsCloudTargets(string SipDir, string WebDir, string SipFed)
{
    public static DnsCloudTargets For(DnsCloud cloud) => cloud switch
    {
        DnsCloud.Germany => new("sipdir.online.lync.de", "webdir.online.skype.de", "sipfed.online.lync.de"),
        DnsCloud.China21Vianet => new("sipdir.online.partner.lync.cn", "webdir.online.partner.lync.cn", "sipfed.online.partner.lync.cn"),
        DnsCloud.Worldwide => new("sipdir.online.lync.com", "webdir.online.lync.com", "sipfed.online.lync.com"),
    };

    /// <summary>The French edition of the troubleshooting article gives this target; the English
    /// edition and Microsoft's DNS reference give <c>sipdir.online.lync.com</c>.</summary>
    public const string SeedSipTarget = "sipdir.online.microsoft.com";

    /// <summary>Where sip points when the policy file does not say (README, "DNS"): the article's target
    /// for the troubleshooting profile, else the cloud's sipdir. The loader and import read it here.</summary>
    public static string DefaultSipTarget(DnsProfile profile, DnsCloud cloud) =>
        profile == DnsProfile.Troubleshooting ? SeedSipTarget : For(cloud).SipDir;

    /// <summary>The sip targets Microsoft documents: the article's, and each cloud's sipdir (docs/DNS.md,
    /// "The records"), in ordinal order.</summary>
    public static readonly ImmutableArray<string> DocumentedSipTargets =
        [.. Enum.GetValues<DnsCloud>().Select(c => For(c).SipDir).Append(SeedSipTarget).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Every Skype for Business target Microsoft documents, of every cloud, and the seed's, in
    /// ordinal order: a record at one of the tool's names pointing to one of these came from a Skype for
    /// Business setup, so the DNS Server script may remove it when the policy no longer wants it.</summary>
    public static readonly ImmutableArray<string> MicrosoftTargets =
    [
        .. Enum.GetValues<DnsCloud>()
            .Select(For)
            .SelectMany(targets => new[] { targets.SipDir, targets.WebDir, targets.SipFed })
            .Append(SeedSipTarget)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];
}
