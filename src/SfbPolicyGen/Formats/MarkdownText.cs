using System.Buffers;

namespace SfbPolicyGen.Formats;

/// <summary>CommonMark escaping of free text with as few backslashes as keep it inert, since the raw text
/// is what a reviewer reads in a diff or an e-mail notification. A backslash may escape any ASCII
/// punctuation (CommonMark 0.31, section 2.4); it is put only before what can start a construct inline:
/// <c>\ ` * _ [ ] &lt; &gt; | &amp; ~ #</c> (code, emphasis, links and images, HTML and autolinks, table
/// cells, entities, strikethrough, a heading's closing sequence), and at the start of the value before
/// what can open a block there (<c>- + =</c>, and a number followed by <c>.</c> or <c>)</c>). Dots,
/// hyphens inside words and slashes stay as they are. Line breaks never reach here (free text is one
/// line, see FreeText); Markdig reads every escaped value back to the same text (tests).</summary>
public static class MarkdownText
{
    private static readonly SearchValues<char> Inline = SearchValues.Create("\\`*_[]<>|&~#");

    public static string Escape(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length + 8);
        var digits = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var opensBlock = (i == 0 && c is '-' or '+' or '=') || (i == digits && digits > 0 && c is '.' or ')');
            if (Inline.Contains(c) || opensBlock)
            {
                builder.Append('\\');
            }

            builder.Append(c);
            digits += i == digits && char.IsAsciiDigit(c) ? 1 : 0;
        }

        return builder.ToString();
    }

    /// <summary>Inline code for a value known to hold no backtick (domain names, paths we build).</summary>
    public static string Code(string value) =>
        value.Contains('`', StringComparison.Ordinal) ? Escape(value) : $"`{value}`";
}
