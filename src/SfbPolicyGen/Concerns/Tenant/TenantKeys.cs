using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns;

/// <summary>The keys every fix shares: tenant, domains, retired and safety (<see cref="PolicyKey"/>).
/// Read by Loading/PolicyLoader.Tenant.cs, .Domains.cs, .Retired.cs and .Safety.cs.</summary>
public static class TenantKeys
{
    public static readonly PolicyKey Name = new(
        "name",
        new TextType(Pattern: $"^[a-z0-9][a-z0-9-]{{0,{Identifiers.MaxTenantNameLength - 1}}}$"),
        $"1-{Identifiers.MaxTenantNameLength} of a-z 0-9 '-', not starting with '-'; names the output folder out/<name>/.")
    {
        Required = true,
        Comment = "a-z 0-9 '-'; names the output folder",
    };

    public static readonly PolicyKey DisplayName = new("displayName", TextType.Free(FreeText.MaxDisplayNameLength), "Shown in the Group Policy editor and the guide (default: tenant.name).")
    {
        Comment = "shown in the Group Policy editor and the guide",
    };

    public static readonly PolicyKey Tenant = PolicyKey.Section("tenant", "The tenant.", [Name, DisplayName]) with { Required = true, Order = 10, Reading = KeyReading.Code };

    public static readonly PolicyKey Domains = new(
        "domains",
        new ListType(DomainNameType.Instance, MinItems: 1),
        "The tenant's SIP domains; normalised (trimmed, lowercased, trailing dot dropped, punycode).")
    {
        Required = true,
        Order = 20,
        Reading = KeyReading.Code,
    };

    public static readonly PolicyKey RetiredDomains = new(
        "domains",
        new ListType(DomainNameType.Instance),
        "Domains deployed before that must go: removed from each computer's TrustModelData by the appender, their Skype records removed by the DNS Server script. Not in domains, existing or add.");

    public static readonly PolicyKey RetiredClients = new(
        "clients",
        new ListType(new ChoiceType(TrustClient.Names.Names), Unique: true),
        "Clients whose TrustModelData this tool set and must take away: removed from the GPO, deleted by the .reg and Registry.pol, the tenant's entries removed by the appender. Not in trustModelData.clients.");

    public static readonly PolicyKey Retired = PolicyKey.Section("retired", "What earlier versions of this policy deployed and the deploy scripts take away.", [RetiredDomains, RetiredClients])
        with { Order = 100, Reading = KeyReading.Code };

    public static readonly PolicyKey MaxRemovedPercent = new(
        "maxRemovedPercent",
        new IntegerType(0, 100, "percent"),
        $"generate refuses, unless --force, a change that removes more than this percentage of the DNS records, the trusted domains or the clients the tenant deployed, each kind counted apart (default {SafetyPolicy.DefaultMaxRemovedPercent}).")
    {
        Default = YamlText.Number(SafetyPolicy.DefaultMaxRemovedPercent),
    };

    public static readonly PolicyKey MinExisting = new(
        "minExisting",
        new IntegerType(1, int.MaxValue, "a count"),
        $"A kind of which the tenant deployed fewer items is never refused (default {SafetyPolicy.DefaultMinExisting}).")
    {
        Default = YamlText.Number(SafetyPolicy.DefaultMinExisting),
    };

    public static readonly PolicyKey Safety = PolicyKey.Section("safety", "Safety thresholds of generate: a large removal needs --force (README, 'Safety thresholds').", [MaxRemovedPercent, MinExisting])
        with { Order = 110, Reading = KeyReading.Code };

    public static readonly System.Collections.Immutable.ImmutableArray<PolicyKey> All = [Tenant, Domains, Retired, Safety];
}
