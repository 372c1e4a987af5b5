using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>One mapping of policies.yaml and the path its messages name (<c>dns</c>,
/// <c>proxy.applications[]</c>). Its <see cref="MappingReader"/> reports unknown keys and keys set
/// twice; each key is then named once, here, and read by the typed reads of <see cref="ValueReader"/>:
/// <c>dns.Bool("lyncdiscover")</c>.</summary>
internal sealed class SectionReader
{
    private readonly MappingReader? _mapping;
    private readonly string _path;
    private readonly DiagnosticBag _diagnostics;

    private SectionReader(MappingReader? mapping, FieldState state, string path, SourceSpan start, DiagnosticBag diagnostics)
    {
        _mapping = mapping;
        _path = path;
        _diagnostics = diagnostics;
        State = state;
        Start = start;
    }

    /// <summary>Valid for a mapping; Absent or Invalid (reported) otherwise, and then every key reads as absent.</summary>
    public FieldState State { get; }

    /// <summary>Where the mapping starts, or where its key is or would go when it is not there.</summary>
    public SourceSpan Start { get; }

    public ValueReader this[string key]
    {
        get
        {
            var path = MappingReader.Join(_path, key);
            return new ValueReader(_mapping?[key], path, path, _mapping?.PositionOf(key) ?? Start, _diagnostics);
        }
    }

    public static SectionReader Root(YamlMapping root, IReadOnlyList<string> keys, DiagnosticBag diagnostics) => Of(root, "", keys, diagnostics);

    public static SectionReader Of(YamlMapping mapping, string path, IReadOnlyList<string> keys, DiagnosticBag diagnostics) =>
        new(new MappingReader(mapping, path, keys, diagnostics), FieldState.Valid, path, mapping.Start, diagnostics);

    public static SectionReader Without(FieldState state, string path, SourceSpan at, DiagnosticBag diagnostics) => new(null, state, path, at, diagnostics);

    public Field<bool> Bool(string key) => this[key].Bool();

    /// <summary>A whole number in the range and unit <paramref name="key"/> declares (<see cref="IntegerType"/>).</summary>
    public Field<int> WholeNumber(PolicyKey key) => this[key.Name].WholeNumber((IntegerType)key.Type);

    public Field<T> Choice<T>(string key, NameTable<T> choices) => this[key].Choice(choices);

    public Field<string> Name(string key) => this[key].Name();

    public Field<string> Text(string key, int maxLength) => this[key].Text(maxLength);

    /// <summary>The section <paramref name="key"/> declares, checked against its declared keys.</summary>
    public SectionReader Section(PolicyKey key) => this[key.Name].Section(key.KeyNames);

    public ListField<T> UniqueList<T>(
        string key, Func<ValueReader, Field<T>> read, Func<T, string> keyOf, StringComparer comparer, Func<ValueReader, T, SourceSpan, string> listedTwice, string? ifEmpty = null) =>
        this[key].UniqueList(read, keyOf, comparer, listedTwice, ifEmpty);

    /// <summary>SFB013 unless one of <paramref name="keys"/> is written. Pointed at the key (its YAML
    /// null if written so) for one key, at the section when any of several will do. A section that is
    /// absent or not a mapping is reported as such, never as its keys missing.</summary>
    public void Require(string message, params ReadOnlySpan<string> keys)
    {
        if (_mapping is null)
        {
            return;
        }

        foreach (var key in keys)
        {
            if (_mapping[key] is not null)
            {
                return;
            }
        }

        _diagnostics.Error(DiagnosticCodes.MissingKey, keys.Length == 1 ? _mapping.PositionOf(keys[0]) : Start, message);
    }
}
