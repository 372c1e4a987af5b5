using System.Collections.Immutable;

namespace SfbPolicyGen.Concerns;

/// <summary>One fix of the article (or what the fixes share: the tenant, its retired entries), declared
/// as data next to its code in its own folder under Concerns/: its policies.yaml keys, its artifact
/// kinds and its facts. Everything that lists keys, kinds or facts (the loader, the schema, init,
/// import, the writers, the guide, the manifest, plan) iterates <see cref="ConcernRegistry"/>
/// instead of naming them (CONTRIBUTING.md, "Adding a concern").</summary>
/// <param name="Name">A short lowercase name, for messages and tests.</param>
public sealed record Concern(string Name)
{
    /// <summary>Its root keys of policies.yaml, each with its section's keys (Concerns/*/…Keys.cs).</summary>
    public ImmutableArray<PolicyKey> Keys { get; init; } = [];
}

/// <summary>The concerns a run knows, in the order their artifacts are written and their keys are
/// listed. <see cref="Default"/> is the product's list; a test adds a throw-away concern with
/// <see cref="With"/>.</summary>
public sealed class ConcernRegistry(ImmutableArray<Concern> concerns)
{
    /// <summary>The one registry line per concern.</summary>
    public static ConcernRegistry Default { get; } = new(
    [
        TenantConcern.Concern,
        Trust.TrustConcern.Concern,
        Dns.DnsConcern.Concern,
        Proxy.ProxyConcern.Concern,
        ActiveDirectory.ActiveDirectoryConcern.Concern,
        ClientCleanup.ClientCleanupConcern.Concern,
    ]);

    public ImmutableArray<Concern> Concerns { get; } = concerns;

    /// <summary>This registry and one more concern, last.</summary>
    public ConcernRegistry With(Concern extra) => new(Concerns.Add(extra));
}
