using System.Text.Json;
using Json.Schema;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A policy file checked against the committed policies.schema.json the way an editor's YAML
/// language server checks it (<see cref="YamlAsJson"/>; JsonSchema.Net as the validator), the schema
/// read once for the whole run.</summary>
public static class PolicySchemaCheck
{
    private static readonly Lazy<JsonSchema> Committed = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "policies.schema.json"))));

    public static bool IsValid(string path)
    {
        using var document = JsonDocument.Parse(YamlAsJson.Convert(path)!.ToJsonString());
        return Committed.Value.Evaluate(document.RootElement).IsValid;
    }
}
