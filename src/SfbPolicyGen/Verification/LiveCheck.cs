using DnsClient;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Verification;

/// <summary>What <c>verify</c> hands every live check: what earlier runs published (DNS), the DNS client to
/// ask (null when the DNS check is not run), the domain controller whose clock to ask, the roots to trust
/// besides the system's, the address to reach a service at while keeping its name, and the clock that
/// judges expiry dates.</summary>
public sealed record VerifyOptions(DnsHistory History, IDnsQuery? Dns, string? DomainController, string? CaFile, string? ConnectTo, TimeProvider Clock);

/// <summary>A concern's live check over the tenants of a run: one <see cref="CheckLine"/> per thing it
/// looked at, in a deterministic order whatever order answers arrive in.</summary>
public delegate Task<IReadOnlyList<CheckLine>> LiveCheckRun(IReadOnlyList<TenantPolicy> tenants, VerifyOptions options, CancellationToken cancellationToken);

/// <summary>A live check a concern declares (<see cref="Concerns.Concern.Check"/>): its name, as
/// <c>verify --only</c> and each line give it, and how it runs.</summary>
public sealed record LiveCheck(string Name, LiveCheckRun Run)
{
    /// <summary>A check that asks about one tenant at a time: the tenants in the run's order, one after
    /// the other (each service limits and closes its own connections).</summary>
    public static LiveCheck PerTenant(string name, Func<TenantPolicy, VerifyOptions, CancellationToken, Task<IReadOnlyList<CheckLine>>> check) => new(name, async (tenants, options, cancellationToken) =>
    {
        var lines = new List<CheckLine>();
        foreach (var tenant in tenants)
        {
            lines.AddRange(await check(tenant, options, cancellationToken).ConfigureAwait(false));
        }

        return lines;
    });
}
