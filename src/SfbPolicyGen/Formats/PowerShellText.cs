namespace SfbPolicyGen.Formats;

/// <summary>PowerShell single-quoted string literals: no expansion of <c>$</c> or backticks inside; the
/// only escape is doubling the quote. PowerShell also treats the typographic quotes U+2018, U+2019,
/// U+201A and U+201B as single quotes, so they are doubled too (about_Quoting_Rules).</summary>
internal static class PowerShellText
{
    public static string SingleQuoted(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (IsQuote(c))
            {
                builder.Append(c);
            }

            builder.Append(c);
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>The value of a literal as <see cref="SingleQuoted"/> writes it; null for any other text.</summary>
    public static string? Unquoted(string literal)
    {
        if (literal.Length < 2 || literal[0] != '\'' || literal[^1] != '\'')
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(literal.Length);
        for (var i = 1; i < literal.Length - 1; i++)
        {
            var c = literal[i];
            if (IsQuote(c) && (i + 1 >= literal.Length - 1 || literal[++i] != c))
            {
                return null;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsQuote(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B';
}
