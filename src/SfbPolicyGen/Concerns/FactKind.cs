using System.Text.Json;
using SfbPolicyGen.Model;
using SfbPolicyGen.Plan;

namespace SfbPolicyGen.Concerns;

/// <summary>One kind of fact a concern's artifacts deploy, in the terms a reviewer thinks in, declared
/// by the concern (<see cref="Concern.Facts"/>): how the policy gives it, its JSON in each tenant of
/// manifest.json (under <see cref="Name"/>), how plan says what changed between two runs, and how
/// plan reads it back from an artifact when the manifest kept no facts. <c>plan</c> compares facts, never
/// rendered text, as octoDNS compares zones (README, "plan"). The untyped members are the registry's;
/// a concern derives from <see cref="FactKind{T}"/>.</summary>
public abstract class FactKind(string name)
{
    /// <summary>The fact's property in a tenant of manifest.json; never renamed (committed manifests use it).</summary>
    public string Name { get; } = name;

    /// <summary>The kinds of artifact plan reads the fact back from (<see cref="FactKind{T}.ReadBack"/>);
    /// the others hold the same facts again, or none.</summary>
    public virtual System.Collections.Immutable.ImmutableArray<ArtifactKind> HeldIn => [];

    internal bool ReadsBack(ArtifactKind kind) => HeldIn.Contains(kind);

    internal abstract object? FromPolicy(TenantPolicy tenant);

    internal abstract void WriteValue(Utf8JsonWriter json, object fact);

    internal abstract object ReadValue(JsonElement json);

    internal abstract IEnumerable<PlanChange> ChangesOf(string tenant, object? before, object? after);

    internal abstract object? ReadBackFrom(ArtifactKind kind, byte[] bytes);
}

/// <summary>A <see cref="FactKind"/> whose facts are <typeparamref name="T"/>: an immutable value with
/// equality, absent (null) when the tenant deploys none.</summary>
public abstract class FactKind<T>(string name) : FactKind(name)
    where T : class
{
    /// <summary>What the tenant's policy deploys; null for nothing.</summary>
    public abstract T? From(TenantPolicy tenant);

    /// <summary>The JSON value (the manifest writes the property's name).</summary>
    public abstract void Write(Utf8JsonWriter json, T fact);

    /// <exception cref="FormatException">The value is not one <see cref="Write"/> writes.</exception>
    public abstract T Read(JsonElement json);

    /// <summary>What the artifacts change from <paramref name="before"/> to <paramref name="after"/> (either
    /// null for none), each line saying what carries it out, or what stays in place and why.</summary>
    public abstract IEnumerable<PlanChange> Changes(string tenant, T? before, T? after);

    /// <summary>The facts one artifact of <see cref="FactKind.HeldIn"/> holds, read back from its bytes;
    /// null when it cannot be read (plan then still lists the file as changed).</summary>
    public virtual T? ReadBack(ArtifactKind kind, byte[] bytes) => null;

    internal sealed override object? FromPolicy(TenantPolicy tenant) => From(tenant);

    internal sealed override void WriteValue(Utf8JsonWriter json, object fact) => Write(json, (T)fact);

    internal sealed override object ReadValue(JsonElement json) => Read(json);

    internal sealed override IEnumerable<PlanChange> ChangesOf(string tenant, object? before, object? after) => Changes(tenant, (T?)before, (T?)after);

    internal sealed override object? ReadBackFrom(ArtifactKind kind, byte[] bytes) => ReadBack(kind, bytes);
}
