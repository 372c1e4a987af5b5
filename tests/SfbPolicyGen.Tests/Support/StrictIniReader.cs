namespace SfbPolicyGen.Tests.Support;

/// <summary>A strict reader of Application.ini: CRLF only, ';' comments, "[section]" then "Key=Value"
/// lines; a section or key twice, or a line of any other shape, throws.</summary>
public static class StrictIniReader
{
    public static IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> Parse(string text)
    {
        if (text.Replace("\r\n", "", StringComparison.Ordinal).AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new FormatException("a line ends with something other than CRLF");
        }

        var sections = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.OrdinalIgnoreCase);
        List<KeyValuePair<string, string>>? current = null;
        foreach (var line in text.Split("\r\n"))
        {
            if (line.Length == 0 || line.StartsWith(';'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']') && line.IndexOf(']', StringComparison.Ordinal) == line.Length - 1)
            {
                current = [];
                if (!sections.TryAdd(line[1..^1], current))
                {
                    throw new FormatException($"section {line} twice");
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is null || equals <= 0 || line.Contains(';', StringComparison.Ordinal) || line.Contains('[', StringComparison.Ordinal))
            {
                throw new FormatException($"unexpected line: {line}");
            }

            var key = line[..equals];
            if (current.Any(kv => kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
            {
                throw new FormatException($"key {key} twice");
            }

            current.Add(new(key, line[(equals + 1)..]));
        }

        return sections.ToDictionary(s => s.Key, s => (IReadOnlyList<KeyValuePair<string, string>>)s.Value, StringComparer.OrdinalIgnoreCase);
    }
}
