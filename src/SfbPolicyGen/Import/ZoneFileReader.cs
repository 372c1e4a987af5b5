using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;

namespace SfbPolicyGen.Import;

/// <summary>A zone file in the master file format of RFC 1035 section 5 with BIND's additions, as
/// named, Knot, nsd and <c>dig axfr</c> write it: <c>$ORIGIN</c> and <c>$TTL</c> directives; names
/// absolute (ending with '.') or relative to the origin, <c>@</c> for the origin itself; a record line
/// without an owner (it starts with a blank) belongs to the previous owner; TTL and class in either
/// order and both optional (a TTL with BIND's units: <c>1h30m</c>); parentheses continue a record over
/// lines; <c>;</c> starts a comment outside quotes. A TTL left out is <c>$TTL</c>, else the last one
/// written (RFC 1035). The zone's domain is its SOA's owner, else its first <c>$ORIGIN</c>; with no
/// <c>$ORIGIN</c> before it, the SOA's owner is the origin (what named.conf's zone statement gives).
/// <c>$INCLUDE</c> is not followed (import reads only the files it is given: give the included file
/// itself) and <c>$GENERATE</c> is not expanded; both are errors. Every problem is reported with its
/// line and column; a file with any is not imported.</summary>
internal static partial class ZoneFileReader
{
    public static void Read(string file, byte[] bytes, ImportFindings findings, DiagnosticBag diagnostics)
    {
        if (SourceText.DecodeUtf8(bytes, out var undecodable) is not { } text)
        {
            Refuse(diagnostics, file, undecodable.Line, undecodable.Column, $"{undecodable.Message}: a zone file is read as UTF-8 (ASCII) text");
            return;
        }

        var lines = SourceText.Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var bad = lines[i].AsSpan().IndexOfAnyInRange('\0', '\u001f');
            if (bad >= 0 && lines[i][bad] != '\t')
            {
                Refuse(diagnostics, file, i + 1, bad + 1, $"the control character U+{(int)lines[i][bad]:X4} has no place in a zone file");
                return;
            }
        }

        var errors = new DiagnosticBag();
        var zone = new ZoneState(file, errors);
        foreach (var entry in Entries(file, lines, errors))
        {
            zone.Add(entry);
        }

        diagnostics.AddRange(errors);
        if (errors.HasErrors)
        {
            return;
        }

        if (zone.Domain is not { } domain)
        {
            Refuse(diagnostics, file, 1, 1, "neither $ORIGIN nor an SOA record says which domain this zone is; add '$ORIGIN example.com.' at the top");
            return;
        }

        if (ImportedName.Normalize(domain.Name, domain.At, "the zone's domain", diagnostics) is { } name)
        {
            findings.Zones.Add(new ZoneFound(name, domain.At, [.. zone.Records], file));
        }
    }

    /// <summary>One word of a line: a quoted string keeps its quotes.</summary>
    private sealed record Token(string Text, int Line, int Column, bool Quoted);

    /// <summary>A directive or a record, over one line or several joined by parentheses.</summary>
    private sealed record Entry(IReadOnlyList<Token> Tokens, bool OwnerOmitted, int Line, int Column);

    private static IEnumerable<Entry> Entries(string file, string[] lines, DiagnosticBag diagnostics)
    {
        var tokens = new List<Token>();
        var ownerOmitted = false;
        (int Line, int Column)? open = null;
        for (var li = 0; li < lines.Length; li++)
        {
            var (line, number) = (lines[li], li + 1);
            if (open is null)
            {
                tokens = [];
                ownerOmitted = line.Length > 0 && line[0] is ' ' or '\t';
            }

            for (var pos = 0; pos < line.Length;)
            {
                var c = line[pos];
                if (c is ' ' or '\t')
                {
                    pos++;
                }
                else if (c == ';')
                {
                    break;
                }
                else if (c == '(')
                {
                    if (open is not null)
                    {
                        Refuse(diagnostics, file, number, pos + 1, "'(' inside parentheses: a record's parentheses do not nest");
                    }

                    open = (number, pos + 1);
                    pos++;
                }
                else if (c == ')')
                {
                    if (open is null)
                    {
                        Refuse(diagnostics, file, number, pos + 1, "')' without '('");
                    }

                    open = null;
                    pos++;
                }
                else
                {
                    var start = pos;
                    var quoted = c == '"';
                    pos = quoted ? QuotedEnd(line, pos) : WordEnd(line, pos);
                    if (pos < 0)
                    {
                        Refuse(diagnostics, file, number, start + 1, "a quoted string is not closed on its line");
                        break;
                    }

                    tokens.Add(new Token(line[start..pos], number, start + 1, quoted));
                }
            }

            if (open is null && tokens.Count > 0)
            {
                yield return new Entry(tokens, ownerOmitted, tokens[0].Line, ownerOmitted ? 1 : tokens[0].Column);
                tokens = [];
            }
        }

        if (open is { } unclosed)
        {
            Refuse(diagnostics, file, unclosed.Line, unclosed.Column, "'(' is not closed before the end of the file");
        }
    }

    /// <summary>Just after the closing quote (a backslash escapes the next character), or -1.</summary>
    private static int QuotedEnd(string line, int pos)
    {
        for (var i = pos + 1; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == '"')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The end of a word: a blank, ';', a parenthesis or a quote; a backslash escapes the next character.</summary>
    private static int WordEnd(string line, int pos)
    {
        while (pos < line.Length && line[pos] is not (' ' or '\t' or ';' or '(' or ')' or '"'))
        {
            pos += line[pos] == '\\' ? 2 : 1;
        }

        return Math.Min(pos, line.Length);
    }

    /// <summary>SFB046: a zone file that cannot be read, with the place of the problem.</summary>
    private static void Refuse(DiagnosticBag diagnostics, string file, int line, int column, string message) =>
        diagnostics.Error(DiagnosticCodes.ZoneFileUnreadable, new SourceSpan(file, line, column), message);
}
