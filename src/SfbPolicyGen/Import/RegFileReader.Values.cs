using System.Globalization;
using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>One value line of a .reg file (and its continuation lines) read into its name, type and
/// data, whatever the value is; RegFileReader.cs decides which values matter.</summary>
internal static partial class RegFileReader
{
    /// <summary>A value's name and data as written: <c>Kind</c> is "string", "delete", "dword" or
    /// "hex(N)" (N in hex, "hex" for plain hex: REG_BINARY).</summary>
    private readonly record struct RegValue(string Name, string Kind, string? Text, byte[]? Bytes, int Line, int Column);

    /// <summary>Reads the value starting at line <paramref name="i"/>, and its continuation lines
    /// (advancing <paramref name="i"/> past them).</summary>
    private static RegValue? ReadValue(string file, string[] lines, ref int i, DiagnosticBag diagnostics)
    {
        var (line, number) = (lines[i], i + 1);
        var position = 0;
        string name;
        if (line[0] == '@')
        {
            name = "";
            position = 1;
        }
        else if (Quoted(line, ref position) is { } quoted)
        {
            name = quoted;
        }
        else
        {
            Refuse(diagnostics, file, number, position + 1, "a value name is not closed with '\"', or holds an escape other than \\\\ and \\\"");
            return null;
        }

        if (position >= line.Length || line[position] != '=')
        {
            Refuse(diagnostics, file, number, position + 1, "'=' must follow the value name");
            return null;
        }

        position++;
        var dataColumn = position + 1;
        var data = line[position..];
        if (data.StartsWith('"'))
        {
            var at = 0;
            if (Quoted(data, ref at) is not { } text || data[at..].Trim().Length > 0)
            {
                Refuse(diagnostics, file, number, dataColumn + at, "a string must be closed with '\"' and nothing may follow it; only \\\\ and \\\" are escapes");
                return null;
            }

            return new RegValue(name, "string", text, null, number, dataColumn);
        }

        if (data.TrimEnd() == "-")
        {
            return new RegValue(name, "delete", null, null, number, dataColumn);
        }

        if (data.StartsWith("dword:", StringComparison.OrdinalIgnoreCase))
        {
            var digits = data[6..].TrimEnd();
            return digits.Length == 8 && digits.All(char.IsAsciiHexDigit)
                ? new RegValue(name, "dword", null, null, number, dataColumn)
                : Bad(diagnostics, file, number, dataColumn + 6, "'dword:' must be followed by exactly 8 hexadecimal digits");
        }

        if (!data.StartsWith("hex", StringComparison.OrdinalIgnoreCase) || data.IndexOf(':', StringComparison.Ordinal) is var colon && colon < 0)
        {
            return Bad(diagnostics, file, number, dataColumn, "the data must be \"text\", dword:, hex:, hex(N): or - (delete)");
        }

        var kind = data[..colon].ToLowerInvariant();
        if (kind != "hex" && !(kind.StartsWith("hex(", StringComparison.Ordinal) && kind.EndsWith(')') && kind.Length > 5 && kind[4..^1].All(char.IsAsciiHexDigit)))
        {
            return Bad(diagnostics, file, number, dataColumn, $"'{FreeText.Shown(data[..colon])}:' is not hex: or hex(N):");
        }

        // Continuation: a line ending with '\' goes on with the next line (regedit indents it by two spaces).
        var hex = new StringBuilder(data[(colon + 1)..].Trim());
        while (hex.Length > 0 && hex[^1] == '\\')
        {
            hex.Length--;
            if (++i >= lines.Length)
            {
                return Bad(diagnostics, file, number, line.Length, "the hex data goes on past the end of the file");
            }

            hex.Append(lines[i].Trim());
        }

        var bytes = new List<byte>();
        foreach (var pair in hex.ToString().Split(',', StringSplitOptions.TrimEntries))
        {
            if (pair.Length == 0 && bytes.Count == 0 && hex.Length == 0)
            {
                break; // hex: with no bytes
            }

            if (pair.Length != 2 || !byte.TryParse(pair, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return Bad(diagnostics, file, number, dataColumn, $"'{FreeText.Shown(pair)}' in the hex data is not a byte (two hexadecimal digits, bytes separated by ',')");
            }

            bytes.Add(b);
        }

        return new RegValue(name, kind, null, [.. bytes], number, dataColumn);
    }

    /// <summary>A "quoted" string at <paramref name="position"/> with regedit's two escapes; on success
    /// <paramref name="position"/> is just after the closing quote.</summary>
    private static string? Quoted(string line, ref int position)
    {
        if (position >= line.Length || line[position] != '"')
        {
            return null;
        }

        var text = new StringBuilder();
        for (var i = position + 1; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"':
                    position = i + 1;
                    return text.ToString();
                case '\\' when i + 1 < line.Length && line[i + 1] is '\\' or '"':
                    text.Append(line[++i]);
                    break;
                case '\\':
                    position = i;
                    return null;
                default:
                    text.Append(line[i]);
                    break;
            }
        }

        position = line.Length;
        return null;
    }

    private static RegValue? Bad(DiagnosticBag diagnostics, string file, int line, int column, string message)
    {
        Refuse(diagnostics, file, line, column, message);
        return null;
    }
}
