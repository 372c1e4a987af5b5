using System.Collections.Immutable;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>The keys of concerns that bring no reader of their own (<see cref="KeyReading.Generic"/>):
/// each read by its declared type through <see cref="ValueReader"/>, so that its diagnostics are those
/// of any other key, into <see cref="TenantPolicy.Settings"/>.</summary>
public static partial class PolicyLoader
{
    private static PolicySettings ReadSettings(SectionReader root, ConcernRegistry concerns)
    {
        var values = ImmutableSortedDictionary.CreateBuilder<string, PolicyValue>(StringComparer.Ordinal);
        foreach (var key in concerns.GenericKeys())
        {
            ReadSetting(root, key, key.Name, values);
        }

        return values.Count == 0 ? PolicySettings.Empty : new PolicySettings(values.ToImmutable());
    }

    private static void ReadSetting(SectionReader section, PolicyKey key, string path, ImmutableSortedDictionary<string, PolicyValue>.Builder values)
    {
        if (key.Type is MappingType mapping)
        {
            var inner = section.Section(key);
            foreach (var child in mapping.Keys)
            {
                ReadSetting(inner, child, $"{path}.{child.Name}", values);
            }

            return;
        }

        var value = section[key.Name];
        var read = key.Type switch
        {
            BoolType => Valid(value.Bool(), flag => new BoolValue(flag)),
            IntegerType number => Valid(value.WholeNumber(number), n => new NumberValue(n)),
            ListType list => Valid(ReadList(value, list, path), v => new ListValue(v)),
            _ => Valid(ReadText(value, key.Type, path), text => new TextValue(text)),
        };
        if (read is not null)
        {
            values[path] = read;
        }
    }

    private static PolicyValue? Valid<T>(Field<T> field, Func<T, PolicyValue> make) => field.IsValid ? make(field.Value) : null;

    private static Field<ImmutableArray<string>> ReadList(ValueReader value, ListType list, string path)
    {
        var entries = value.UniqueList(
            entry => ReadText(entry, list.Item, path),
            keyOf: text => text,
            StringComparer.Ordinal,
            listedTwice: (entry, _, first) => $"'{entry.Shown}' is listed twice in '{entry.Place}' (first at line {first.Line})",
            ifEmpty: list.MinItems > 0 ? "list at least one entry, or leave the key out" : null);
        return !entries.IsWritten ? Field.Absent<ImmutableArray<string>>(entries.At)
            : entries.IsComplete ? Field.Valid<ImmutableArray<string>>([.. entries.Values], entries.At)
            : Field.Invalid<ImmutableArray<string>>(entries.At);
    }

    /// <summary>A string, a choice or a domain name, as the built-in keys of those types are read.</summary>
    private static Field<string> ReadText(ValueReader value, KeyType type, string path) => type switch
    {
        DomainNameType => value.Name(),
        ChoiceType choice => value.Choice(new NameTable<string>(choice.Names, name => name)),
        TextType text => value.Text(text.MaxLength ?? FreeText.MaxDisplayNameLength, text.Pattern),
        _ => throw new NotSupportedException($"'{path}': a key read by its type alone is a string, a choice, a domain name, true or false, a whole number, or a list of strings"),
    };
}
