using System.Text;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Schema;

/// <summary>The lines init's and import's policy files share: a value with its comment beside it,
/// and the keys of concerns read by their type alone (<see cref="KeyReading.Generic"/>), written
/// commented out with their default and help, so that a new concern's keys show in both files.</summary>
public static class PolicyFileLines
{
    /// <summary>Where comments start in both files.</summary>
    private const int CommentColumn = 32;

    /// <summary><paramref name="line"/> with <paramref name="comment"/> beside it, from column 33.</summary>
    public static string Commented(string line, string comment) =>
        line.Length < CommentColumn ? line.PadRight(CommentColumn) + "# " + Comment(comment) : $"{line}  # {Comment(comment)}";

    /// <summary>Text for a comment: anything that could end the line or mislead a reader becomes '?'.</summary>
    public static string Comment(string text) => string.Concat(text.EnumerateRunes().Select(r => FreeText.IsUnsafeToShow(r) ? "?" : r.ToString()));

    /// <summary>Each key of <paramref name="concerns"/> that no reader of the loader knows by name,
    /// commented out: a section's help above it, each value with its default (if any) and its help.</summary>
    public static void WriteGenericKeys(StringBuilder text, ConcernRegistry concerns)
    {
        foreach (var key in concerns.GenericKeys())
        {
            if (key.Type is MappingType)
            {
                text.Append("# ").Append(Comment(key.Comment ?? key.Help)).Append('\n');
            }

            WriteKey(text, key, "# ");
        }
    }

    private static void WriteKey(StringBuilder text, PolicyKey key, string indent)
    {
        if (key.Type is MappingType mapping)
        {
            text.Append(indent).Append(key.Name).Append(":\n");
            foreach (var child in mapping.Keys)
            {
                WriteKey(text, child, indent + "  ");
            }

            return;
        }

        var line = key.Default is null ? $"{indent}{key.Name}:" : $"{indent}{key.Name}: {key.Default}";
        text.Append(Commented(line, key.Comment ?? key.Help)).Append('\n');
    }
}
