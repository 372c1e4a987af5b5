using System.Globalization;

namespace SfbPolicyGen.Model;

/// <summary>Rules for free text from the YAML (display names). Control characters would break a line
/// based format; Unicode bidirectional controls can make a reviewer read something other than what
/// is there ("Trojan Source", CVE-2021-42574). Both are refused at load; each format's escaper
/// handles the rest (XML by System.Xml.Linq, Markdown by <c>MarkdownText</c>).</summary>
public static class FreeText
{
    public const int MaxDisplayNameLength = 100;

    public static string? Validate(string value, int maxLength)
    {
        if (value.Length == 0)
        {
            return "it is empty";
        }

        if (value.Length > maxLength)
        {
            return $"it is {value.Length} characters long; at most {maxLength}";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return $"it contains the control character U+{(int)c:X4}";
            }

            if (IsBidiControl(c))
            {
                return $"it contains the bidirectional control U+{(int)c:X4}, which can make text read differently from what it is";
            }

            if (char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"it contains the line separator U+{(int)c:X4}";
            }
        }

        return null;
    }

    /// <summary>Characters that must never reach a terminal or a reviewer's screen as they are:
    /// controls, line and paragraph separators, bidi controls.</summary>
    public static bool IsUnsafeToShow(char c) =>
        char.IsControl(c) || IsBidiControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
