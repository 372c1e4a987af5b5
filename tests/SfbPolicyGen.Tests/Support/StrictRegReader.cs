using System.Text;

namespace SfbPolicyGen.Tests.Support;

/// <param name="Data">The REG_SZ data; null for a deletion (<c>"name"=-</c>).</param>
public sealed record RegEntry(string Key, string Name, string? Data);

/// <summary>A strict reader of the canonical regedit 5.00 form (docs/REGISTRY.md, ".reg files"): UTF-16LE with
/// BOM, CRLF only, header then a blank line, key blocks each followed by a blank line, REG_SZ values
/// with only \\ and \" escapes or deletions ("name"=-), keys and value names in ordinal order.
/// Anything else throws: the
/// real importers (regedit, hivex) accept too much to tell us that.</summary>
public static class StrictRegReader
{
    public static IReadOnlyList<RegEntry> Parse(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith(FormatFacts.Utf16LeBom))
        {
            throw new FormatException("no UTF-16LE byte order mark");
        }

        var text = new UnicodeEncoding(false, false, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
        if (text.Replace("\r\n", "", StringComparison.Ordinal).AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new FormatException("a line ends with something other than CRLF");
        }

        if (!text.EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            throw new FormatException("the file does not end with a blank line (CRLF CRLF)");
        }

        var lines = text[..^2].Split("\r\n");
        if (lines[0] != FormatFacts.RegHeader || lines[1].Length != 0)
        {
            throw new FormatException("the header or the blank line after it is wrong");
        }

        var entries = new List<RegEntry>();
        string? key = null;
        string? previousKey = null;
        string? previousName = null;
        for (var i = 2; i < lines.Length; i++)
        {
            var line = lines[i];
            if (key is null)
            {
                if (!line.StartsWith('[') || !line.EndsWith(']') || line.Length < 3)
                {
                    throw new FormatException($"line {i + 1}: a key line [..] was expected");
                }

                key = line[1..^1];
                if (previousKey is not null && string.CompareOrdinal(previousKey, key) >= 0)
                {
                    throw new FormatException($"line {i + 1}: keys are not in ordinal order");
                }

                previousName = null;
            }
            else if (line.Length == 0)
            {
                (previousKey, key) = (key, null);
            }
            else
            {
                var (name, next) = ReadQuoted(line, 0, i);
                if (next >= line.Length || line[next] != '=')
                {
                    throw new FormatException($"line {i + 1}: '=' expected after the value name");
                }

                var (data, end) = line[(next + 1)..] == "-" ? (null, line.Length) : ReadQuoted(line, next + 1, i);
                if (end != line.Length)
                {
                    throw new FormatException($"line {i + 1}: text after the value");
                }

                if (previousName is not null && string.CompareOrdinal(previousName, name) >= 0)
                {
                    throw new FormatException($"line {i + 1}: value names are not in ordinal order");
                }

                previousName = name;
                entries.Add(new RegEntry(key, name, data));
            }
        }

        if (key is not null)
        {
            throw new FormatException("the last key block has no closing blank line");
        }

        return entries;
    }

    private static (string Value, int Next) ReadQuoted(string line, int start, int lineIndex)
    {
        if (start >= line.Length || line[start] != '"')
        {
            throw new FormatException($"line {lineIndex + 1}: '\"' expected at column {start + 1}");
        }

        var value = new StringBuilder();
        for (var i = start + 1; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"':
                    return (value.ToString(), i + 1);
                case '\\' when i + 1 < line.Length && line[i + 1] is '\\' or '"':
                    value.Append(line[++i]);
                    break;
                case '\\':
                    throw new FormatException($"line {lineIndex + 1}: a backslash escapes only \\ or \"");
                default:
                    value.Append(line[i]);
                    break;
            }
        }

        throw new FormatException($"line {lineIndex + 1}: unterminated string");
    }
}
