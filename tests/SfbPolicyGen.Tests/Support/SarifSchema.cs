using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SfbPolicyGen.Tests.Support;

/// <summary>Validates a SARIF log against ../shared/sarif-schema/sarif-schema-2.1.0.json, the OASIS schema,
/// which is JSON Schema draft-04. JsonSchema.Net 8.0.5 evaluates draft-06 and later, not draft-04 (its
/// meta-schemas start at draft-06), so the schema is evaluated under draft-06 rules after a rewrite of
/// the keywords whose meaning changed between the two drafts:
/// <list type="bullet">
/// <item>draft-04's <c>id</c> (the base URI) is draft-06's <c>$id</c>. Moved to <c>$id</c>, JsonSchema.Net
/// refuses to build the schema ("Overwriting registered schemas is not permitted"), so the root's
/// <c>id</c> is removed and given to the build as the base URI instead: the same base, and every
/// <c>$ref</c> of the schema is local (<c>#/definitions/...</c>), which <see cref="Load"/> checks.</item>
/// <item>draft-04's boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> are numbers in draft-06: the
/// SARIF schema has none, which <see cref="Load"/> checks too.</item>
/// </list>
/// The root's is the schema's only <c>id</c> keyword (every other "id" names a property). Everything else
/// it uses (type, properties, additionalProperties, required, enum, items, minItems, uniqueItems,
/// minimum, pattern, oneOf, anyOf, default, format) means the same in both drafts. Formats (uri,
/// uri-reference, date-time) are asserted, not only annotated, and the schema gets a registry of its own.</summary>
public static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static IReadOnlyList<string> Validate(string log)
    {
        using var document = JsonDocument.Parse(log);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    private static JsonSchema Load()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("sarif-schema", "sarif-schema-2.1.0.json")))!.AsObject();
        Assert.Equal("http://json-schema.org/draft-04/schema#", (string?)schema["$schema"]);
        var idKeywords = Keywords(schema, "id").Where(n => n is JsonValue).ToList();
        Assert.Single(idKeywords);
        Assert.Same(schema["id"], idKeywords[0]);
        Assert.Empty(Keywords(schema, "exclusiveMinimum").Concat(Keywords(schema, "exclusiveMaximum")));
        Assert.All(Keywords(schema, "$ref").Where(n => n is JsonValue), reference => Assert.StartsWith("#/definitions/", (string?)reference, StringComparison.Ordinal));

        var id = new Uri((string)schema["id"]!);
        schema.Remove("id");
        schema["$schema"] = "http://json-schema.org/draft-06/schema#";
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, id);
    }

    /// <summary>The values of every member named <paramref name="name"/>, at any depth (a property
    /// definition named so is an object; the keyword is a string or a boolean).</summary>
    private static IEnumerable<JsonNode?> Keywords(JsonNode? node, string name) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == name ? [p.Value, .. Keywords(p.Value, name)] : Keywords(p.Value, name)),
        JsonArray a => a.SelectMany(item => Keywords(item, name)),
        _ => [],
    };
}
