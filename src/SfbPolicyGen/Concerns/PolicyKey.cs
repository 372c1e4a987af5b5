using System.Collections.Immutable;

namespace SfbPolicyGen.Concerns;

/// <summary>How the loader reads a root key's value into the model.</summary>
public enum KeyReading
{
    /// <summary>Read by its type alone into <see cref="Model.TenantPolicy.Settings"/>: a concern that
    /// brings no reader of its own (a throw-away one of a test, say) needs nothing more.</summary>
    Generic,

    /// <summary>Read by a section reader of the loader (Loading/PolicyLoader.*.cs), which words its
    /// own diagnostics; the declaration then only names the key for the unknown-key check.</summary>
    Code,
}

/// <summary>One key of policies.yaml, declared once by the concern it belongs to, from which the
/// loader's known keys, the JSON Schema, init's template and import's writer are produced.</summary>
/// <param name="Name">The key as written in YAML.</param>
/// <param name="Type">What its value is; a section's keys are in its <see cref="MappingType"/>.</param>
/// <param name="Help">The English help: the schema's description, and what init writes for a key it
/// has no shorter <see cref="Comment"/> for.</param>
public sealed record PolicyKey(string Name, KeyType Type, string Help)
{
    /// <summary>The schema's "required": the loader's own Require says what is missing.</summary>
    public bool Required { get; init; }

    /// <summary>The default as YAML text, made from the model's constant (never a copy of it); null
    /// when there is none to write (a name, a list that starts empty).</summary>
    public string? Default { get; init; }

    /// <summary>The line of help init and import write beside or above the key, where it is shorter
    /// than <see cref="Help"/>; null for none.</summary>
    public string? Comment { get; init; }

    /// <summary>Where a root key stands among the root keys (lowest first; the registry's order breaks
    /// ties). The root keys' order is that of the schema and of the unknown-key message, which predate
    /// the concerns and do not follow their order, hence a number; a new concern's keys come last.</summary>
    public int Order { get; init; } = int.MaxValue;

    public KeyReading Reading { get; init; }

    /// <summary>The keys of a section (its <see cref="MappingType"/>), in order; none for a value.</summary>
    public ImmutableArray<PolicyKey> Keys => Type is MappingType mapping ? mapping.Keys : [];

    /// <summary>The names of <see cref="Keys"/>: what the section's unknown-key check knows.</summary>
    public IReadOnlyList<string> KeyNames => Type is MappingType mapping ? mapping.Names : [];

    /// <summary>A section of <paramref name="keys"/>, in the order its messages and the schema list them.</summary>
    public static PolicyKey Section(string name, string help, ImmutableArray<PolicyKey> keys) => new(name, new MappingType(keys), help);
}

/// <summary>What a key's value is. The loader checks it, the schema says it.</summary>
public abstract record KeyType;

/// <summary>A string; the schema's minLength, maxLength and pattern where given.</summary>
public sealed record TextType(int? MinLength = null, int? MaxLength = null, string? Pattern = null) : KeyType
{
    /// <summary>Free text under the free-text rules (<see cref="Model.FreeText"/>): trimmed, not empty, at most <paramref name="maxLength"/>.</summary>
    public static TextType Free(int maxLength) => new(1, maxLength);
}

/// <summary>A domain name (the schema's $defs/domainName; the loader normalises it).</summary>
public sealed record DomainNameType : KeyType
{
    public static readonly DomainNameType Instance = new();
}

public sealed record BoolType : KeyType
{
    public static readonly BoolType Instance = new();
}

/// <summary>A whole number from <paramref name="Min"/> to <paramref name="Max"/>, in <paramref name="Unit"/> (for messages).</summary>
public sealed record IntegerType(int Min, int Max, string Unit) : KeyType;

/// <summary>One of the names of a Model name table.</summary>
public sealed record ChoiceType(IReadOnlyList<string> Names) : KeyType;

/// <summary>One of a few whole numbers (TMG's 0 or 1).</summary>
public sealed record IntegerChoiceType(IReadOnlyList<int> Values) : KeyType;

/// <summary>A list of <paramref name="Item"/>.</summary>
public sealed record ListType(KeyType Item, int MinItems = 0, bool Unique = false) : KeyType;

/// <summary>A section: a mapping of <paramref name="Keys"/>, nothing else.</summary>
public sealed record MappingType(ImmutableArray<PolicyKey> Keys) : KeyType
{
    /// <summary>What the section's unknown-key check knows, in order.</summary>
    public IReadOnlyList<string> Names { get; } = [.. Keys.Select(key => key.Name)];

    /// <summary>Keys of which at least one must be written (the schema's anyOf).</summary>
    public ImmutableArray<string> AnyOfRequired { get; init; } = [];
}

/// <summary>A default as policies.yaml writes it, from the model's value (<see cref="PolicyKey.Default"/>).</summary>
public static class YamlText
{
    public static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A flow list: <c>[en-US, fr-FR]</c>.</summary>
    public static string List(IEnumerable<string> values) => $"[{string.Join(", ", values)}]";
}
