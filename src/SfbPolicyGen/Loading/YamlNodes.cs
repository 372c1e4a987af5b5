using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Loading;

/// <summary>A YAML node with the place it starts at. Our own small tree (rather than YamlDotNet's
/// representation model) keeps duplicate keys, so that they are reported with the others instead
/// of stopping the load at the first one.</summary>
internal abstract record YamlNode(SourceSpan Start)
{
    public abstract string KindName { get; }

    /// <summary>Where the node ends, exclusive (YamlDotNet's end mark): after a scalar's last character,
    /// at the closing bracket of a flow collection, at the end of the last entry of a block one.
    /// <c>import --into</c> inserts text there.</summary>
    public SourceSpan End { get; init; } = Start;
}

internal sealed record YamlScalar(SourceSpan Start, string Value, bool IsPlain) : YamlNode(Start)
{
    public override string KindName => "a scalar";

    /// <summary>A plain empty, <c>~</c> or <c>null</c> scalar: the YAML 1.2 core schema's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlSequence(SourceSpan Start, IReadOnlyList<YamlNode> Items) : YamlNode(Start)
{
    public override string KindName => "a list";

    /// <summary>Written <c>[a, b]</c> rather than as <c>- a</c> lines.</summary>
    public bool IsFlow { get; init; }
}

internal sealed record YamlMapping(SourceSpan Start, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries) : YamlNode(Start)
{
    public override string KindName => "a mapping";

    /// <summary>Written <c>{a: 1}</c> rather than as <c>a: 1</c> lines.</summary>
    public bool IsFlow { get; init; }
}
