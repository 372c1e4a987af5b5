using System.Text.Json.Nodes;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A policy file as the JSON an editor's YAML language server validates against the schema:
/// plain scalars typed by the YAML 1.2 core schema (null, true/false, integers), quoted ones strings.
/// Read with the tool's own positioned reader, so keys set twice stay visible.</summary>
public static class YamlAsJson
{
    public static JsonNode? Convert(string path)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentReader.Read(path, File.ReadAllBytes(path), diagnostics);
        Assert.True(root is not null, string.Join('\n', diagnostics.Sorted()));
        return Node(root);
    }

    private static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMapping mapping => new JsonObject(mapping.Entries.Select(e => KeyValuePair.Create(e.Key.Value, Node(e.Value)))),
        YamlSequence sequence => new JsonArray([.. sequence.Items.Select(Node)]),
        YamlScalar { IsNull: true } => null,
        YamlScalar { IsPlain: true, Value: "true" or "True" or "TRUE" } => JsonValue.Create(true),
        YamlScalar { IsPlain: true, Value: "false" or "False" or "FALSE" } => JsonValue.Create(false),
        YamlScalar { IsPlain: true } scalar when long.TryParse(scalar.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalar scalar => JsonValue.Create(scalar.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
