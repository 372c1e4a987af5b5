using System.Collections.Immutable;
using SfbPolicyGen.Concerns.Trust;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>trustModelData: which clients get the value, and what it holds besides the tenant's
/// domains (README, "TrustModelData").</summary>
public static partial class PolicyLoader
{
    private static TrustModelDataSection ReadTrustModelData(SectionReader root)
    {
        var trust = root.Section(TrustKeys.TrustModelData);
        var clients = trust.UniqueList(
            "clients",
            entry => entry.Choice(TrustClient.Names),
            keyOf: client => client.Id,
            StringComparer.Ordinal,
            listedTwice: (entry, client, _) => $"client '{client.Id}' is listed twice in '{entry.Place}'",
            ifEmpty: $"list at least one of {string.Join(", ", TrustClient.Names.Names)}, or leave the key out");
        return new TrustModelDataSection(clients, Names(trust, "existing"), trust.Bool("keepMicrosoftDefaults"), Names(trust, "add"));
    }
}

internal sealed record TrustModelDataSection(ListField<TrustClient> Clients, ListField<string> Existing, Field<bool> KeepMicrosoftDefaults, ListField<string> Add)
{
    public TrustModelDataPolicy ToPolicy(ImmutableArray<string> domains)
    {
        ImmutableArray<TrustClient> clients = Clients.IsWritten ? [.. Clients.Values.OrderBy(c => c.Order)] : [TrustClient.Communicator];
        ImmutableArray<string> existing = [.. Existing.Values];
        ImmutableArray<string> add = [.. Add.Values];
        var keepDefaults = KeepMicrosoftDefaults.Or(TrustModelDataPolicy.DefaultKeepMicrosoftDefaults);
        return new TrustModelDataPolicy(clients, existing, keepDefaults, add, TrustListMerger.Merge(existing, keepDefaults, domains, add));
    }
}
