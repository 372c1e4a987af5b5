using System.Text;

namespace SfbPolicyGen.Tests.Support;

/// <param name="Action">"SZ:data", or "DELETE".</param>
public sealed record LgpoRecord(string Configuration, string Key, string ValueName, string Action);

/// <summary>A strict reader of "LGPO text" (LGPO.exe v2.2, docs/REGISTRY.md, "LGPO text"), sharing no code with
/// the writer: ASCII, CRLF only, ';' comment lines, records of exactly four lines (Computer or User,
/// a key without hive, a value name, then SZ:data or DELETE) each after one blank line. Anything else
/// throws; no LGPO.exe runs here.</summary>
public static class StrictLgpoTextReader
{
    public static IReadOnlyList<LgpoRecord> Parse(byte[] bytes)
    {
        if (bytes.Any(b => b > 0x7F))
        {
            throw new FormatException("not ASCII");
        }

        var text = Encoding.ASCII.GetString(bytes);
        if (text.Replace("\r\n", "", StringComparison.Ordinal).AsSpan().IndexOfAny('\r', '\n') >= 0 || !text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            throw new FormatException("a line ends with something other than CRLF");
        }

        var lines = text[..^2].Split("\r\n").SkipWhile(l => l.StartsWith(';')).ToList();
        var records = new List<LgpoRecord>();
        for (var i = 0; i < lines.Count; i += 5)
        {
            if (i + 4 >= lines.Count || lines[i].Length != 0)
            {
                throw new FormatException($"record {records.Count + 1}: a blank line and four lines were expected");
            }

            var (configuration, key, value, action) = (lines[i + 1], lines[i + 2], lines[i + 3], lines[i + 4]);
            if (configuration is not ("Computer" or "User") || key.StartsWith("HK", StringComparison.Ordinal) || key.Length == 0 || value.Length == 0
                || !(action == "DELETE" || action.StartsWith("SZ:", StringComparison.Ordinal)))
            {
                throw new FormatException($"record {records.Count + 1} is not Computer|User, key, value name, SZ:data|DELETE");
            }

            records.Add(new LgpoRecord(configuration, key, value, action));
        }

        return records;
    }
}
