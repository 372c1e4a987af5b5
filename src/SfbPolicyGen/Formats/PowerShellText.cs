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
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B')
            {
                builder.Append(c);
            }

            builder.Append(c);
        }

        return builder.Append('\'').ToString();
    }
}
