using System.Collections.Immutable;
using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Model;

/// <summary>What earlier versions of the policy deployed and the deploy artifacts take away.</summary>
/// <param name="Domains">Removed from each computer's TrustModelData by the appender (any case); under
/// each, the DNS Server script removes the records of the tool's names that point to one of Microsoft's
/// Skype targets. Never one of <see cref="TenantPolicy.Domains"/>, existing or add.</param>
/// <param name="DomainsAt">Where each retired domain is written, for diagnostics across files.</param>
/// <param name="Clients">Clients whose TrustModelData this tool set: their value is removed from the
/// tenant's GPO, deleted by the .reg file and Registry.pol, and on each computer the appender removes
/// the tenant's entries from it (README, "Retiring a domain or a client"). Never one of the clients.</param>
public sealed record RetiredPolicy(ImmutableArray<string> Domains, ImmutableArray<SourceSpan> DomainsAt, ImmutableArray<TrustClient> Clients)
{
    public bool IsEmpty => Domains.IsEmpty && Clients.IsEmpty;

    /// <summary>The retired clients in ordinal order of their policy key, as every artifact lists keys.</summary>
    public IEnumerable<TrustClient> ClientsByKey => Clients.OrderBy(c => c.PolicyKey, StringComparer.Ordinal);
}
