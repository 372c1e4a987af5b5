using System.Collections.Immutable;

namespace SfbPolicyGen.Model;

/// <summary>One value of a key read by its type alone (<see cref="PolicySettings"/>).</summary>
public abstract record PolicyValue;

public sealed record TextValue(string Value) : PolicyValue;

public sealed record BoolValue(bool Value) : PolicyValue;

public sealed record NumberValue(int Value) : PolicyValue;

public sealed record ListValue(ImmutableArray<string> Values) : PolicyValue;

/// <summary>The values written for the keys of concerns that bring no reader of their own, by key path
/// (<c>demo.greeting</c>): the loader checks them by their declared type, the concern's code reads them
/// here. A key not written is not here; its concern applies its default.</summary>
public sealed class PolicySettings(ImmutableSortedDictionary<string, PolicyValue> values)
{
    public static PolicySettings Empty { get; } = new(ImmutableSortedDictionary.Create<string, PolicyValue>(StringComparer.Ordinal));

    public ImmutableSortedDictionary<string, PolicyValue> Values { get; } = values;

    public string? Text(string path) => Values.GetValueOrDefault(path) is TextValue text ? text.Value : null;

    public bool? Bool(string path) => Values.GetValueOrDefault(path) is BoolValue value ? value.Value : null;

    public int? Number(string path) => Values.GetValueOrDefault(path) is NumberValue number ? number.Value : null;

    public ImmutableArray<string>? List(string path) => Values.GetValueOrDefault(path) is ListValue list ? list.Values : null;
}
