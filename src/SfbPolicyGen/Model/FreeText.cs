using System.Globalization;
using System.Text;

namespace SfbPolicyGen.Model;

/// <summary>Rules for free text from the YAML (display names). Control characters would break a line
/// based format; Unicode bidirectional controls can make a reviewer read something other than what
/// is there ("Trojan Source", CVE-2021-42574). Both are refused at load; each format's escaper
/// handles the rest (XML by System.Xml.Linq, Markdown by <c>MarkdownText</c>). Messages quote any text
/// they did not write through <see cref="Shown"/>.</summary>
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

    /// <summary>The longest quote of a value a message makes; longer values are cut with "...".</summary>
    public const int ShownLength = 80;

    /// <summary>Text that sfbpolicygen did not write (a YAML value or key, a command-line token, what a DNS
    /// server answered), fit to quote in a message: every character that must not reach a terminal or
    /// a reviewer's screen as it is (<see cref="IsUnsafeToShow"/>) written as <c>\uXXXX</c>
    /// (<c>\UXXXXXXXX</c> beyond the BMP; a lone surrogate, which no output encoding can carry, too), then cut to
    /// <paramref name="maxLength"/> characters, the last three "...", never inside an escape. The one
    /// rule every message that quotes input follows.</summary>
    public static string Shown(string text, int maxLength = ShownLength)
    {
        var shown = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        var cut = -1; // the length to cut back to when the text turns out too long
        for (var i = 0; i < text.Length; i++)
        {
            var piece = Rune.TryGetRuneAt(text, i, out var rune)
                ? IsUnsafeToShow(rune) ? Escaped(rune) : rune.ToString()
                : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
            i += rune.Utf16SequenceLength - 1;
            if (cut < 0 && shown.Length + piece.Length > maxLength - 3)
            {
                cut = shown.Length;
            }

            shown.Append(piece);
            if (shown.Length > maxLength)
            {
                return shown.ToString(0, cut) + "...";
            }
        }

        return shown.ToString();
    }

    /// <summary>Whether <see cref="Shown"/> would escape something in <paramref name="text"/> (a lone
    /// surrogate counts): text that cannot be written as it is where it would be read as it is.</summary>
    public static bool HasUnsafeToShow(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!Rune.TryGetRuneAt(text, i, out var rune) || IsUnsafeToShow(rune))
            {
                return true;
            }

            i += rune.Utf16SequenceLength - 1;
        }

        return false;
    }

    /// <summary>Characters that must never reach a terminal or a reviewer's screen as they are: controls
    /// (a terminal escape sequence), format characters (Unicode bidi controls, "Trojan Source",
    /// CVE-2021-42574; zero-width characters), line and paragraph separators.</summary>
    public static bool IsUnsafeToShow(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string Escaped(Rune rune) => rune.IsBmp
        ? string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}")
        : string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}");

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
