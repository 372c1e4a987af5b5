using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>Reads one YAML mapping against the keys it may hold: reports unknown keys (with a
/// suggestion) and keys set twice, then hands out values by name.</summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> _entries = new(StringComparer.Ordinal);

    public MappingReader(YamlMapping mapping, string path, IReadOnlyList<string> knownKeys, DiagnosticBag diagnostics)
    {
        Start = mapping.Start;
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (!knownKeys.Contains(key, StringComparer.Ordinal))
            {
                var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
                diagnostics.Error(DiagnosticCodes.UnknownKey, entry.Key.Start,
                    $"unknown key '{FreeText.Shown(key)}' {where}{Suggestions.DidYouMean(key, knownKeys)} (known keys: {string.Join(", ", knownKeys)})");
            }
            else if (_entries.TryGetValue(key, out var first))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateKey, entry.Key.Start,
                    $"'{Join(path, key)}' is set twice (first at line {first.Key.Start.Line})");
            }
            else
            {
                _entries[key] = entry;
            }
        }
    }

    public SourceSpan Start { get; }

    /// <summary>The value of <paramref name="key"/>, or null when it is absent or a YAML null.</summary>
    public YamlNode? this[string key] =>
        _entries.TryGetValue(key, out var entry) && entry.Value is not YamlScalar { IsNull: true } ? entry.Value : null;

    /// <summary>Where to point at for <paramref name="key"/>: the value if present, else the mapping.</summary>
    public SourceSpan PositionOf(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value.Start : Start;

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
