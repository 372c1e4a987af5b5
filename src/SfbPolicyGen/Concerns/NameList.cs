using System.Collections.Immutable;

namespace SfbPolicyGen.Concerns;

/// <summary>A fact that is a list of names in the policy's order: equal when its names are, shown joined
/// by ", " (as a failing test prints it).</summary>
public sealed record NameList(ImmutableArray<string> Names)
{
    public bool Equals(NameList? other) => other is not null && Names.SequenceEqual(other.Names);

    public override int GetHashCode() => Names.Aggregate(0, (hash, name) => HashCode.Combine(hash, name));

    public override string ToString() => string.Join(", ", Names);

    /// <summary>Null for no names: a fact that deploys nothing is absent.</summary>
    public static NameList? Of(IEnumerable<string> names) => names.ToImmutableArray() is { Length: > 0 } list ? new NameList(list) : null;

    /// <summary>A JSON array of strings, as <see cref="Write"/> writes it.</summary>
    public static NameList Read(System.Text.Json.JsonElement json) => json.ValueKind == System.Text.Json.JsonValueKind.Array
        ? new NameList([.. json.EnumerateArray().Select(e => e.ValueKind == System.Text.Json.JsonValueKind.String ? e.GetString()! : throw new FormatException("a name is not a string"))])
        : throw new FormatException("not an array of names");

    public void Write(System.Text.Json.Utf8JsonWriter json)
    {
        json.WriteStartArray();
        foreach (var name in Names)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
    }
}
