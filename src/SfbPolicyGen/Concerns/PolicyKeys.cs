using System.Collections.Immutable;

namespace SfbPolicyGen.Concerns;

/// <summary>The keys of a registry's concerns, as the loader, the schema, init and import list them.</summary>
public static class PolicyKeys
{
    /// <summary>Every concern's root keys, by <see cref="PolicyKey.Order"/>, then in registry order
    /// (a stable sort): policies.yaml's top level.</summary>
    public static ImmutableArray<PolicyKey> RootKeys(this ConcernRegistry registry) =>
        [.. registry.Concerns.SelectMany(concern => concern.Keys).OrderBy(key => key.Order)];

    /// <summary>The root keys no reader of the loader knows by name: read by their type alone.</summary>
    public static IEnumerable<PolicyKey> GenericKeys(this ConcernRegistry registry) => registry.RootKeys().Where(key => key.Reading == KeyReading.Generic);
}
