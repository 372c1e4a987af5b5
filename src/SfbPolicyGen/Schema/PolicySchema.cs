using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Schema;

/// <summary>The JSON Schema (draft 2020-12) of policies.yaml, built from the concerns' key declarations
/// (<see cref="PolicyKey"/>: the keys the loader knows, in its order, their types, limits and help),
/// so that an editor (yaml-language-server) completes and checks what the tool accepts. The loader
/// stays the authority: it also checks what a schema cannot say (names normalise to valid punycode, a
/// DN's escapes, entries unique after normalisation). Committed as policies.schema.json;
/// <c>sfbpolicygen schema</c> prints it; a test keeps the two equal.</summary>
public static class PolicySchema
{
    /// <param name="concerns">Whose keys to describe (default <see cref="ConcernRegistry.Default"/>).</param>
    public static string Text(ConcernRegistry? concerns = null)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
        return Build(concerns ?? ConcernRegistry.Default).ToJsonString(options) + "\n";
    }

    private static JsonObject Build(ConcernRegistry concerns)
    {
        var roots = concerns.RootKeys();
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "SfbPolicyGen policies.yaml",
            ["description"] = "One Skype for Business tenant: its domains, its clients' TrustModelData, its proxy, its DNS. See README.md, 'policies.yaml reference'.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = Strings(roots.Where(key => key.Required).Select(key => key.Name)),
            ["properties"] = Properties(roots),
            ["$defs"] = new JsonObject
            {
                // Labels without the characters of a URL, an address or a port; a top-level label that is
                // not all digits (so no IPv4 address either, RFC 3696 section 2): DomainName's rules an
                // editor can check (a domain name may carry one trailing dot, hence its maximum + 1).
                ["domainName"] = new JsonObject
                {
                    ["type"] = "string",
                    ["minLength"] = 3,
                    ["maxLength"] = DomainName.MaxLength + 1,
                    ["pattern"] = "^\\s*([^\\s.:/@\\[\\]]+\\.)+[^\\s.:/@\\[\\]]*[^\\s.:/@\\[\\]0-9][^\\s.:/@\\[\\]]*\\.?\\s*$",
                    ["description"] = "A domain name with at least two labels, not an IP address or a URL (give the host name only); IDN allowed (converted to punycode).",
                },
            },
        };
    }

    private static JsonObject Properties(IEnumerable<PolicyKey> keys)
    {
        var result = new JsonObject();
        foreach (var key in keys)
        {
            result[key.Name] = Property(key);
        }

        return result;
    }

    /// <summary>A key: its type, its help, and for a section whose keys are each optional but not all,
    /// which ones will do.</summary>
    private static JsonObject Property(PolicyKey key)
    {
        var result = Node(key.Type);
        result["description"] = key.Help;
        if (key.Type is MappingType { AnyOfRequired.Length: > 0 } mapping)
        {
            result["anyOf"] = new JsonArray([.. mapping.AnyOfRequired.Select(name => (JsonNode)new JsonObject { ["required"] = Strings([name]) })]);
        }

        return result;
    }

    private static JsonObject Node(KeyType type) => type switch
    {
        TextType text => Text(text),
        DomainNameType => new JsonObject { ["$ref"] = "#/$defs/domainName" },
        BoolType => new JsonObject { ["type"] = "boolean" },
        IntegerType number => new JsonObject { ["type"] = "integer", ["minimum"] = number.Min, ["maximum"] = number.Max },
        ChoiceType choice => new JsonObject { ["type"] = "string", ["enum"] = Strings(choice.Names) },
        IntegerChoiceType choice => new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray([.. choice.Values.Select(value => (JsonNode)value)]) },
        ListType list => Array(list),
        MappingType mapping => Object(mapping),
        _ => throw new NotSupportedException($"no JSON Schema for {type}"),
    };

    private static JsonObject Text(TextType text)
    {
        var result = new JsonObject { ["type"] = "string" };
        if (text.MinLength is { } min)
        {
            result["minLength"] = min;
        }

        if (text.MaxLength is { } max)
        {
            result["maxLength"] = max;
        }

        if (text.Pattern is { } pattern)
        {
            result["pattern"] = pattern;
        }

        return result;
    }

    private static JsonObject Array(ListType list)
    {
        var result = new JsonObject { ["type"] = "array", ["items"] = Node(list.Item) };
        if (list.Unique)
        {
            result["uniqueItems"] = true;
        }

        if (list.MinItems > 0)
        {
            result["minItems"] = list.MinItems;
        }

        return result;
    }

    private static JsonObject Object(MappingType mapping)
    {
        var result = new JsonObject { ["type"] = "object", ["additionalProperties"] = false };
        var required = mapping.Keys.Where(key => key.Required).ToList();
        if (required.Count > 0)
        {
            result["required"] = Strings(required.Select(key => key.Name));
        }

        result["properties"] = Properties(mapping.Keys);
        return result;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
