using System.Text;

namespace SfbPolicyGen.Tests.Support;

public sealed record LdifModify(string Dn, string Operation, string Attribute, IReadOnlyList<string> Values);

/// <summary>A strict reader of the LDIF the tool writes (RFC 2849 change records): '#' comments, then
/// records "dn:" (or "dn::" base64), "changetype: modify", one "replace:"/"add:"/"delete:" block
/// with its attribute lines, "-", and a blank line. CRLF only, no folded lines; anything else throws.</summary>
public static class StrictLdifReader
{
    public static IReadOnlyList<LdifModify> Parse(byte[] bytes)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        if (text.Replace("\r\n", "", StringComparison.Ordinal).AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new FormatException("a line ends with something other than CRLF");
        }

        var lines = text.Split("\r\n");
        var records = new List<LdifModify>();
        var i = 0;
        while (i < lines.Length && lines[i].StartsWith('#'))
        {
            i++;
        }

        while (i < lines.Length && lines[i].Length > 0)
        {
            var dn = Value(lines[i++], "dn");
            Expect(lines, i++, "changetype: modify");
            var operation = lines[i].Split(": ", 2);
            if (operation.Length != 2 || operation[0] is not ("replace" or "add" or "delete"))
            {
                throw new FormatException($"line {i + 1}: replace:, add: or delete: expected");
            }

            i++;
            var values = new List<string>();
            while (i < lines.Length && lines[i] != "-")
            {
                values.Add(Value(lines[i++], operation[1]));
            }

            Expect(lines, i++, "-");
            Expect(lines, i++, "");
            records.Add(new LdifModify(dn, operation[0], operation[1], values));
        }

        if (i != lines.Length - 1 || lines[^1].Length != 0)
        {
            throw new FormatException($"line {i + 1}: text after the last record");
        }

        return records;
    }

    private static void Expect(string[] lines, int i, string expected)
    {
        if (i >= lines.Length || lines[i] != expected)
        {
            throw new FormatException($"line {i + 1}: '{expected}' expected");
        }
    }

    /// <summary>"name: safe-string" or "name:: base64".</summary>
    private static string Value(string line, string name)
    {
        if (line.StartsWith(name + ":: ", StringComparison.Ordinal))
        {
            return new UTF8Encoding(false, true).GetString(Convert.FromBase64String(line[(name.Length + 3)..]));
        }

        if (!line.StartsWith(name + ": ", StringComparison.Ordinal))
        {
            throw new FormatException($"'{name}:' expected: {line}");
        }

        var value = line[(name.Length + 2)..];
        if (value.Length > 0 && (value[0] is ' ' or ':' or '<' || value[^1] == ' ' || value.Any(c => c is '\0' or >= '\u0080')))
        {
            throw new FormatException($"not a SAFE-STRING, it needs base64: {line}");
        }

        return value;
    }
}
