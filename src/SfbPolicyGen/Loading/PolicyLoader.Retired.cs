using SfbPolicyGen.Concerns;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>retired: what earlier versions of this policy deployed and the deploy scripts must take
/// away (README, "Retiring a domain or a client"): configuration as code removes what a line no longer
/// says only when it can prove it put it there, and this section is that proof.</summary>
public static partial class PolicyLoader
{
    private static RetiredSection ReadRetired(SectionReader root)
    {
        var retired = root.Section(TenantKeys.Retired);
        var clients = retired.UniqueList(
            "clients",
            entry => entry.Choice(TrustClient.Names),
            keyOf: client => client.Id,
            StringComparer.Ordinal,
            listedTwice: (entry, client, _) => $"client '{client.Id}' is listed twice in '{entry.Place}'");
        return new RetiredSection(Names(retired, "domains"), clients);
    }
}

internal sealed record RetiredSection(ListField<string> Domains, ListField<TrustClient> Clients)
{
    public RetiredPolicy ToPolicy() => new([.. Domains.Values], [.. Domains.Accepted.Select(d => d.At)], [.. Clients.Values.OrderBy(c => c.Order)]);
}
