using System.Collections.Immutable;

namespace SfbPolicyGen.Model;

/// <summary>A DNS record as plan states it: the owner relative to its domain, the type, the RDATA in
/// presentation form (absolute targets with their dot) and the TTL.</summary>
public sealed record RecordFact(string Name, string Type, string Data, int Ttl)
{
    /// <summary>What identifies the record in a plan line: <c>sip CNAME sipdir.online.lync.com.</c>.</summary>
    public string Key => $"{Name} {Type} {Data}";
}

/// <summary>A fact of a concern that declares its facts (<see cref="Concerns.FactKind"/>), and its kind.</summary>
public sealed record DeclaredFact(Concerns.FactKind Kind, object Value);

/// <summary>What one tenant's artifacts deploy, in the terms a reviewer thinks in: each client's trusted
/// domains, the GPO that sets them, each domain's records, each TMG key, the users the AD script and the
/// LDIF enable. <c>plan</c> compares the
/// facts of the last run (kept in manifest.json) with the new ones, as octoDNS compares zones and never
/// their rendering, so a template override that moves lines changes no plan.</summary>
/// <param name="TrustModelData">Client id → the entries of its TrustModelData value; the ADMX has one
/// policy per client, so its keys are also the ADMX policies.</param>
/// <param name="Dns">Domain → its records in zone order.</param>
/// <param name="RetiredDomains">Domains the appender and the DNS Server script take away; each is also
/// in <paramref name="Dns"/>, with no record.</param>
/// <param name="RetiredClients">Client ids whose value the .reg file and Registry.pol delete.</param>
public sealed record TenantFacts(
    string Tenant,
    ImmutableSortedDictionary<string, ImmutableArray<string>> TrustModelData,
    ImmutableSortedDictionary<string, ImmutableArray<RecordFact>> Dns,
    ImmutableArray<string> RetiredDomains,
    ImmutableArray<string> RetiredClients)
{
    /// <summary>Domain → the records the tenant's DNS files still own there without wanting them (what an
    /// earlier run published: <see cref="DnsRules.StillOwned"/>), in zone order; only domains that have some.</summary>
    public ImmutableSortedDictionary<string, ImmutableArray<RecordFact>> DnsPublished { get; init; } = ImmutableSortedDictionary.Create<string, ImmutableArray<RecordFact>>(StringComparer.Ordinal);

    /// <summary>dns.manage and dns.keep as the policy writes them (normalised), in its order.</summary>
    public ImmutableArray<string> DnsManage { get; init; } = [];

    public ImmutableArray<string> DnsKeep { get; init; } = [];

    /// <summary>The GPO the GPO script creates or updates (gpo.name); null when not known (the facts of a
    /// run that did not keep it).</summary>
    public string? GpoName { get; init; }

    /// <summary>The facts of a tenant with nothing deployed (a tenant new to the folder).</summary>
    public static TenantFacts Empty(string tenant) => new(
        tenant,
        ImmutableSortedDictionary.Create<string, ImmutableArray<string>>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, ImmutableArray<RecordFact>>(StringComparer.Ordinal),
        [],
        []);

    /// <summary>The facts of the concerns that declare theirs as data (<see cref="Concerns.Concern.Facts"/>),
    /// in registry order, which is their order in manifest.json; a concern with none for the tenant has no entry.</summary>
    public ImmutableArray<DeclaredFact> Declared { get; init; } = [];

    /// <summary>The tenant's fact of one kind, or null for none.</summary>
    public T? Of<T>(Concerns.FactKind<T> kind)
        where T : class => Declared.FirstOrDefault(d => d.Kind == kind)?.Value as T;

    /// <param name="history">What earlier runs published (<see cref="DnsHistory"/>).</param>
    /// <param name="registry">The concerns whose declared facts to take (<see cref="Concerns.ConcernRegistry.Default"/> unless a test adds one).</param>
    public static TenantFacts From(TenantPolicy tenant, DnsHistory history, Concerns.ConcernRegistry? registry = null)
    {
        // One array for every domain that keeps no name (dns.keep): the manifest groups domains whose
        // records are equal, and a tenant of 10,000 domains shares one set of facts.
        var records = tenant.Dns.RecordsInZoneOrder.Select(r => r.ToFact()).ToImmutableArray();
        ImmutableArray<RecordFact> RecordsAt(string domain) => tenant.Dns.Keep.Any(k => k.Domain is null || k.Domain == domain)
            ? [.. records.Where(r => !tenant.Dns.IsKept(domain, r.Name))]
            : records;
        return new TenantFacts(
            tenant.Name,
            tenant.TrustModelData.Clients.ToImmutableSortedDictionary(c => c.Id, _ => tenant.TrustModelData.Value, StringComparer.Ordinal),
            tenant.Domains.Select(d => (Domain: d, Records: RecordsAt(d)))
                .Where(d => !records.IsEmpty)
                .Concat(tenant.Retired.Domains.Select(d => (Domain: d, Records: ImmutableArray<RecordFact>.Empty)))
                .ToImmutableSortedDictionary(d => d.Domain, d => d.Records, StringComparer.Ordinal),
            [.. tenant.Retired.Domains.Order(StringComparer.Ordinal)],
            [.. tenant.Retired.Clients.Select(c => c.Id)])
        {
            DnsPublished = DnsRules.StillOwned(tenant, history).ToImmutableSortedDictionary(d => d.Key, d => d.Value.Select(r => r.ToFact()).ToImmutableArray(), StringComparer.Ordinal),
            DnsManage = [.. tenant.Dns.Manage.Select(m => m.ToString())],
            DnsKeep = [.. tenant.Dns.Keep.Select(k => k.ToString())],
            GpoName = tenant.Gpo.Name,
            Declared = [.. (registry ?? Concerns.ConcernRegistry.Default).Facts.Select(kind => kind.FromPolicy(tenant) is { } fact ? new DeclaredFact(kind, fact) : null).OfType<DeclaredFact>()],
        };
    }
}
