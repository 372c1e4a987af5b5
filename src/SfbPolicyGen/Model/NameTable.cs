namespace SfbPolicyGen.Model;

/// <summary>The names policies.yaml gives to a closed set of values, in the order the README lists
/// them. Keys and values of policies.yaml are case-sensitive (README, "policies.yaml reference"), so
/// names compare ordinally. The loader parses with it, the JSON Schema lists its names.</summary>
public sealed class NameTable<T>
{
    private readonly Dictionary<string, T> _byName;

    public NameTable(IEnumerable<T> values, Func<T, string> nameOf)
    {
        Values = [.. values];
        Names = [.. Values.Select(nameOf)];
        _byName = Values.ToDictionary(nameOf, StringComparer.Ordinal);
    }

    public IReadOnlyList<T> Values { get; }

    public IReadOnlyList<string> Names { get; }

    public bool TryParse(string name, out T value) => _byName.TryGetValue(name, out value!);
}

public static class NameTable
{
    /// <summary>Every member of <typeparamref name="T"/>, in declaration order, named by
    /// <paramref name="nameOf"/> (an exhaustive switch beside the enum).</summary>
    public static NameTable<T> ForEnum<T>(Func<T, string> nameOf)
        where T : struct, Enum => new(Enum.GetValues<T>(), nameOf);
}
