using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>A .reg file as regedit and <c>reg export</c> write it (docs/REGISTRY.md, ".reg files"):
/// "Windows Registry Editor Version 5.00" in UTF-16LE with its byte order mark (also read in UTF-8, as
/// git may hold it), or "REGEDIT4" in the ANSI code page (Windows-1252); CRLF or LF line ends.
/// Keys in brackets (<c>[-key]</c> deletes a tree); values <c>"name"=data</c> or <c>@=data</c>, data
/// being <c>"text"</c> (REG_SZ, <c>\\</c> and <c>\"</c> escaped), <c>dword:</c>, <c>hex:</c> or
/// <c>hex(N):</c> (continued over lines ending in <c>\</c>) or <c>-</c> (delete); <c>;</c> comments.
/// Every line is read, so a damaged file is reported rather than half-imported; only TrustModelData
/// under the client keys (HKEY_LOCAL_MACHINE or HKEY_CURRENT_USER) is taken. The file applies in
/// order, so a value set twice is read from its last line (and said so).</summary>
internal static partial class RegFileReader
{
    private const string Header5 = "Windows Registry Editor Version 5.00";
    private const string Header4 = "REGEDIT4";
    private const string UserHive = "HKEY_CURRENT_USER";
    private static readonly string[] Hives = [TrustClient.Hive, UserHive];

    public static void Read(string file, byte[] bytes, ImportFindings findings, DiagnosticBag diagnostics)
    {
        if (Decode(file, bytes, diagnostics, out var ansi) is not { } text)
        {
            return;
        }

        var lines = SourceText.Lines(text);
        var header = ansi ? Header4 : Header5;
        if (lines[0] != header)
        {
            Refuse(diagnostics, file, 1, 1, $"the first line must be '{header}' (what regedit writes{(ansi ? " in a REGEDIT4 file" : "")}), found '{FreeText.Shown(lines[0])}'");
            return;
        }

        var read = new Dictionary<(string Hive, TrustClient Client), (TrustValueFound Found, int Line)>();
        var (otherKeys, otherValues) = (0, 0);
        var others = new List<string>();
        (string Hive, TrustClient Client)? key = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var (line, number) = (lines[i], i + 1);
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith(';'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                if (!line.TrimEnd().EndsWith(']'))
                {
                    Refuse(diagnostics, file, number, line.Length + 1, "a key line must end with ']'");
                    return;
                }

                var path = line.TrimEnd()[1..^1];
                key = ClientKey(path);
                if (path.StartsWith('-'))
                {
                    foreach (var deleted in DeletedClientKeys(path[1..]))
                    {
                        Keep(read, deleted, new TrustValueFound(deleted.Client, deleted.Hive, null, Origin.InText(file, number, 1)), number, findings, file);
                    }
                }
                else if (key is null)
                {
                    otherKeys++;
                    others.Add($"[{FreeText.Shown(path)}] (line {number})");
                }

                continue;
            }

            if (line[0] is not ('"' or '@'))
            {
                Refuse(diagnostics, file, number, 1, $"this line is not a key ('[...]'), a value ('\"name\"=...' or '@=...') or a comment: '{FreeText.Shown(line)}'");
                return;
            }

            var firstLine = number;
            var value = ReadValue(file, lines, ref i, diagnostics);
            if (value is null)
            {
                return;
            }

            if (key is not { } client || !value.Value.Name.Equals(TrustClient.ValueName, StringComparison.OrdinalIgnoreCase))
            {
                otherValues++;
                others.Add($"{(value.Value.Name.Length == 0 ? "@" : $"\"{FreeText.Shown(value.Value.Name)}\"")} (line {firstLine})");
                continue;
            }

            var at = Origin.InText(file, firstLine, 1);
            if (TryTrustValue(value.Value, file, diagnostics, out var entries))
            {
                Keep(read, client, new TrustValueFound(client.Client, client.Hive, entries, at), firstLine, findings, file);
            }
        }

        findings.TrustValues.AddRange(read.Values.OrderBy(r => r.Line).Select(r => r.Found));
        if (otherKeys + otherValues > 0)
        {
            var what = string.Join(" and ", new[] { (otherKeys, "key"), (otherValues, "value") }.Where(c => c.Item1 > 0).Select(c => $"{c.Item1} other {c.Item2}{(c.Item1 == 1 ? "" : "s")}"));
            findings.NotRead(file, what, others);
        }
    }

    private static void Keep(
        Dictionary<(string Hive, TrustClient Client), (TrustValueFound Found, int Line)> read,
        (string Hive, TrustClient Client) key, TrustValueFound found, int line, ImportFindings findings, string file)
    {
        if (read.TryGetValue(key, out var earlier))
        {
            findings.Notes.Add($"{file} sets TrustModelData of {key.Client.Id} ({key.Hive}) at lines {earlier.Line} and {line}; regedit applies a file in order, so line {line} is read");
        }

        read[key] = (found, line);
    }

    /// <summary>The client key a path names, in either hive, compared without case (registry keys are
    /// not case-sensitive; regedit exports <c>SOFTWARE</c>, Wine <c>Software</c>).</summary>
    private static (string Hive, TrustClient Client)? ClientKey(string path)
    {
        foreach (var hive in Hives)
        {
            foreach (var client in TrustClient.All)
            {
                if (path.Equals($@"{hive}\{client.PolicyKey}", StringComparison.OrdinalIgnoreCase))
                {
                    return (hive, client);
                }
            }
        }

        return null;
    }

    /// <summary>The client keys a <c>[-path]</c> deletes: the key itself or any key above it.</summary>
    private static IEnumerable<(string Hive, TrustClient Client)> DeletedClientKeys(string path) =>
        from hive in Hives
        from client in TrustClient.All
        let full = $@"{hive}\{client.PolicyKey}"
        where full.Equals(path, StringComparison.OrdinalIgnoreCase) || full.StartsWith(path + @"\", StringComparison.OrdinalIgnoreCase)
        select (hive, client);

    /// <summary>TrustModelData as entries: from a string, or from hex(1) (a REG_SZ written as UTF-16LE
    /// bytes with its NUL, as hivexregedit exports it); <paramref name="entries"/> is null for a deletion.</summary>
    /// <returns>False after an error.</returns>
    private static bool TryTrustValue(RegValue value, string file, DiagnosticBag diagnostics, out ImmutableArray<string>? entries)
    {
        var at = Origin.InText(file, value.Line, value.Column);
        entries = null;
        switch (value.Kind)
        {
            case "delete":
                return true;
            case "string":
                entries = TrustModelDataValue.Entries(value.Text!, at, diagnostics);
                return entries is not null;
            case "hex(1)":
                entries = TrustModelDataValue.FromUtf16(value.Bytes!, at, diagnostics);
                return entries is not null;
            default:
                var type = value.Kind switch
                {
                    "dword" => "REG_DWORD (dword:)",
                    "hex" => "REG_BINARY (hex:)",
                    _ => $"{TrustModelDataValue.TypeName(uint.Parse(value.Kind[4..^1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))} ({value.Kind}:)",
                };
                TrustModelDataValue.Refuse(diagnostics, at, $"TrustModelData is {type} here; the client reads it only as a REG_SZ string (\"TrustModelData\"=\"a.com,b.com\"), so import will not guess what this value means");
                return false;
        }
    }

    /// <returns>The text (<paramref name="ansi"/> for a REGEDIT4 file); null after an error.</returns>
    private static string? Decode(string file, byte[] bytes, DiagnosticBag diagnostics, out bool ansi)
    {
        ansi = false;
        SourceText.Undecodable error;
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            if (SourceText.DecodeUtf16LittleEndian(bytes.AsSpan(2), out error) is { } utf16)
            {
                return utf16;
            }
        }
        else if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            Refuse(diagnostics, file, 1, 1, "the file is UTF-16 big-endian; regedit writes UTF-16LE (byte order mark FF FE)");
            return null;
        }
        else if (bytes.AsSpan().StartsWith(Encoding.ASCII.GetBytes(Header4)))
        {
            if (bytes.Contains((byte)0))
            {
                Refuse(diagnostics, file, 1, 1, "a REGEDIT4 file is ANSI text, but this one holds NUL bytes");
                return null;
            }

            // REGEDIT4 files are in the ANSI code page; Windows-1252 is what Western systems write.
            ansi = true;
            return CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes);
        }
        else if (SourceText.DecodeUtf8(bytes, out error) is { } utf8)
        {
            return utf8;
        }

        Refuse(diagnostics, file, error.Line, error.Column, $"{error.Message}: a .reg file is UTF-16LE with a byte order mark (regedit 5.00) or REGEDIT4 ANSI text");
        return null;
    }

    /// <summary>SFB042: a .reg file that cannot be read (encoding, header, a line of no known form).</summary>
    private static void Refuse(DiagnosticBag diagnostics, string file, int line, int column, string message) =>
        diagnostics.Error(DiagnosticCodes.RegFileUnreadable, new SourceSpan(file, line, column), message);
}
