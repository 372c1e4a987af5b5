using Scriban.Runtime;

namespace SfbPolicyGen.Templates;

/// <summary>Template models built by hand (no reflection over .NET objects, so Native AOT stays possible).</summary>
internal static class ScriptModel
{
    public static ScriptObject Record(params (string Name, object? Value)[] members)
    {
        var result = new ScriptObject();
        foreach (var (name, value) in members)
        {
            result.Add(name, value);
        }

        return result;
    }

    public static ScriptArray List(IEnumerable<object?> items) => [.. items];
}
