using System.Collections.Immutable;
using System.Text.RegularExpressions;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>One value of policies.yaml, a key's or a list entry's, read as the type its rule expects.
/// It knows the path its messages name, so a key is spelled once, where a section reader hands it out.
/// The shape and value errors every section shares are raised here, one method per code; a section's
/// own rule reports its code through <see cref="Refuse{T}"/>.</summary>
internal sealed class ValueReader
{
    private readonly YamlNode? _node;
    private readonly DiagnosticBag _diagnostics;

    /// <param name="node">Null when absent; a YAML null counts as absent.</param>
    /// <param name="path">Names the slot in type errors: <c>dns.ttl</c>, <c>domains[]</c>.</param>
    /// <param name="place">Names where the value belongs in value errors (<c>... in 'domains'</c>):
    /// the list for an entry, else <paramref name="path"/>.</param>
    /// <param name="at">Where an absent value's key is or would go.</param>
    public ValueReader(YamlNode? node, string path, string place, SourceSpan at, DiagnosticBag diagnostics)
    {
        _node = node is YamlScalar { IsNull: true } ? null : node;
        _diagnostics = diagnostics;
        Path = path;
        Place = place;
        At = _node?.Start ?? at;
    }

    public string Path { get; }

    public string Place { get; }

    public SourceSpan At { get; }

    /// <summary>The scalar as written, fit to quote back in a message.</summary>
    public string Shown => _node is YamlScalar scalar ? FreeText.Shown(scalar.Value) : "";

    /// <summary>The scalar exactly as written (not trimmed).</summary>
    public Field<string> Scalar() => Expect<YamlScalar>(Path, "a value").Then(scalar => Field.Valid(scalar.Value, At));

    /// <summary>YAML 1.2 core schema booleans, plain only: a quoted "true" is a string.</summary>
    public Field<bool> Bool() => Expect<YamlScalar>(Path, "a value").Then(scalar => scalar switch
    {
        { IsPlain: true, Value: "true" or "True" or "TRUE" } => Field.Valid(true, At),
        { IsPlain: true, Value: "false" or "False" or "FALSE" } => Field.Valid(false, At),
        _ => WrongType<bool>("true or false", $"'{FreeText.Shown(scalar.Value)}'{Quoted(scalar, scalar.Value is "true" or "false")}"),
    });

    /// <summary>SFB024: plain decimal digits only, so "1h", "60s" or a quoted number are refused rather than guessed at.</summary>
    public Field<int> WholeNumber(int min, int max, string unit) => Expect<YamlScalar>(Path, "a value").Then(scalar =>
        scalar.IsPlain && scalar.Value.Length > 0 && scalar.Value.All(char.IsAsciiDigit) && int.TryParse(scalar.Value, out var value) && value >= min && value <= max
            ? Field.Valid(value, At)
            : Refuse<int>(DiagnosticCodes.InvalidNumber, $"'{Path}' must be a whole number from {min} to {max} ({unit}, no unit), found '{FreeText.Shown(scalar.Value)}'{Quoted(scalar, scalar.Value.Length > 0 && scalar.Value.All(char.IsAsciiDigit))}"));

    public Field<int> WholeNumber(IntegerType type) => WholeNumber(type.Min, type.Max, type.Unit);

    /// <summary>Why a value that reads right is refused: quoted, YAML makes it a string. How to write
    /// it is said when the value would be accepted without the quotes (<paramref name="wouldDo"/>).</summary>
    private string Quoted(YamlScalar scalar, bool wouldDo) => scalar.IsPlain
        ? ""
        : wouldDo
            ? $", which is quoted (a string): write it without quotes, {Path[(Path.LastIndexOf('.') + 1)..]}: {scalar.Value}"
            : ", which is quoted (a string)";

    /// <summary>SFB014, with the closest name as a suggestion. A choice names its list in both its
    /// messages, as the loader's messages always have.</summary>
    public Field<T> Choice<T>(NameTable<T> choices) => Expect<YamlScalar>(Place, "a value").Then(scalar =>
        choices.TryParse(scalar.Value, out var value)
            ? Field.Valid(value, At)
            : Refuse<T>(DiagnosticCodes.InvalidChoice,
                $"'{FreeText.Shown(scalar.Value)}' is not a valid '{Place}'{Suggestions.DidYouMean(scalar.Value, choices.Names)} (one of: {string.Join(", ", choices.Names)})"));

    /// <summary>SFB021: a host name, normalised (README, "Names"). SFB108 warns, as browsers show such a
    /// label in punycode rather than block it, about a label that mixes Latin, Greek or Cyrillic: a
    /// look-alike of another name, which the tenant may still own (--warnings-as-errors makes it fatal).</summary>
    public Field<string> Name() => Scalar().Then(raw =>
    {
        if (DomainName.Normalize(raw, out var error) is not { } name)
        {
            return Refuse<string>(DiagnosticCodes.InvalidDomainName, $"'{FreeText.Shown(raw)}' in '{Place}' is not a valid domain name: {error}");
        }

        if (DomainName.MixedScriptLabel(name) is var (label, scripts))
        {
            _diagnostics.Warning(DiagnosticCodes.MixedScriptDomain, At,
                $"'{FreeText.Shown(raw)}' in '{Place}': label '{label}' mixes {string.Join(" and ", scripts)} letters, so it can pass for another name (browsers show it as {name}): check that it is the domain you mean");
        }

        return Field.Valid(name, At);
    });

    /// <summary>SFB025: free text, trimmed, under the free-text rules (<see cref="FreeText"/>), and
    /// matching <paramref name="pattern"/> when a key read by its type alone declares one.</summary>
    public Field<string> Text(int maxLength, string? pattern = null) => Scalar().Then(raw =>
    {
        var text = raw.Trim();
        var error = FreeText.Validate(text, maxLength)
            ?? (pattern is null || Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) ? null : $"it does not match {pattern}");
        return error is not null ? Refuse<string>(DiagnosticCodes.InvalidText, $"'{Path}' is refused: {error}") : Field.Valid(text, At);
    });

    /// <summary>A nested mapping with the keys it may hold.</summary>
    public SectionReader Section(IReadOnlyList<string> keys) => Expect<YamlMapping>(Path, "a mapping") switch
    {
        { IsValid: true, Value: var mapping } => SectionReader.Of(mapping, Path, keys, _diagnostics),
        var other => SectionReader.Without(other.State, Path, At, _diagnostics),
    };

    /// <summary>A list whose entries are read by <paramref name="read"/> and compared by
    /// <paramref name="keyOf"/>: an entry equal to an earlier one is SFB016 (<paramref name="listedTwice"/>
    /// words it from the entry, its value and where the first one is); an empty list is SFB015 unless
    /// <paramref name="ifEmpty"/> is null; an empty entry is SFB017.</summary>
    public ListField<T> UniqueList<T>(
        Func<ValueReader, Field<T>> read, Func<T, string> keyOf, StringComparer comparer, Func<ValueReader, T, SourceSpan, string> listedTwice, string? ifEmpty)
    {
        var list = Expect<YamlSequence>(Path, "a list");
        if (!list.IsValid)
        {
            return new(list.State, At, []);
        }

        if (ifEmpty is not null && list.Value.Items.Count == 0)
        {
            _diagnostics.Error(DiagnosticCodes.EmptyList, At, $"'{Path}' is empty: {ifEmpty}");
        }

        var firstAt = new Dictionary<string, SourceSpan>(comparer);
        var entries = ImmutableArray.CreateBuilder<Field<T>>();
        foreach (var item in list.Value.Items)
        {
            // An empty entry ('-', '~', 'null') would otherwise read as absent and vanish from the
            // list, leaving e.g. a tenant with no domains: every list of the policy holds values only.
            if (item is YamlScalar { IsNull: true } empty)
            {
                _diagnostics.Error(DiagnosticCodes.EmptyEntry, item.Start, $"'{Path}' holds an empty entry ({(empty.Value.Length == 0 ? "nothing after '-' or between commas" : $"'{empty.Value}', which YAML reads as null")}): write a value or remove the entry");
                entries.Add(Field.Invalid<T>(item.Start));
                continue;
            }

            var reader = new ValueReader(item, $"{Path}[]", Path, item.Start, _diagnostics);
            var entry = read(reader);
            if (entry.IsValid && !firstAt.TryAdd(keyOf(entry.Value), entry.At))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateEntry, entry.At, listedTwice(reader, entry.Value, firstAt[keyOf(entry.Value)]));
                entry = entry.Refused();
            }

            entries.Add(entry);
        }

        return new(FieldState.Valid, At, entries.ToImmutable());
    }

    /// <summary>Reports <paramref name="code"/> at this value and refuses it: for the rules of one
    /// section, which own their code.</summary>
    public Field<T> Refuse<T>(string code, string message)
    {
        _diagnostics.Error(code, At, message);
        return Field.Invalid<T>(At);
    }

    /// <summary>SFB012, one message shape for every type error of the file: "X must be Y, found Z".</summary>
    public static void WrongType(DiagnosticBag diagnostics, SourceSpan at, string subject, string expected, string found) =>
        diagnostics.Error(DiagnosticCodes.WrongType, at, $"{subject} must be {expected}, found {found}");

    private Field<TNode> Expect<TNode>(string subject, string expected)
        where TNode : YamlNode => _node switch
        {
            null => Field.Absent<TNode>(At),
            TNode typed => Field.Valid(typed, At),
            _ => WrongType<TNode>(expected, _node.KindName, subject),
        };

    private Field<T> WrongType<T>(string expected, string found, string? subject = null)
    {
        WrongType(_diagnostics, At, $"'{subject ?? Path}'", expected, found);
        return Field.Invalid<T>(At);
    }
}
