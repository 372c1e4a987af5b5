namespace SfbPolicyGen.Formats;

/// <summary>CommonMark escaping of free text: every ASCII punctuation character may be escaped with a
/// backslash (CommonMark 0.31, section 2.4), so escaping them all makes the text inert (no links,
/// emphasis, tables, code or HTML). Line breaks never reach here (free text is one line, see FreeText).</summary>
public static class MarkdownText
{
    public static string Escape(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == ' ' || !char.IsAscii(c) || char.IsControl(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('\\').Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Inline code for a value known to hold no backtick (domain names, paths we build).</summary>
    public static string Code(string value) =>
        value.Contains('`', StringComparison.Ordinal) ? Escape(value) : $"`{value}`";
}
