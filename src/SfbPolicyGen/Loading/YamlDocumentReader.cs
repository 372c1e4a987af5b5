using SfbPolicyGen.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SfbPolicyGen.Loading;

/// <summary>Bytes → text → a positioned node tree, through YamlDotNet's event parser (no reflection,
/// so nothing here stands in the way of Native AOT). Every problem becomes a diagnostic; nothing throws.</summary>
internal static partial class YamlDocumentReader
{
    /// <summary>Nesting beyond this is refused (the policy format needs 4 levels).</summary>
    public const int MaxDepth = 32;

    /// <summary>No value of a policy file comes near this (the longest, an LDAP filter, is capped at
    /// 4096): a longer scalar is refused before any rule reads it.</summary>
    public const int MaxScalarLength = 64 * 1024;

    public static YamlMapping? Read(string file, ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics) => Read(file, bytes, diagnostics, out _);

    /// <param name="text">The text decoded from <paramref name="bytes"/> (null when it cannot be): import
    /// --into edits that very text.</param>
    public static YamlMapping? Read(string file, ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics, out string? text)
    {
        text = Decode(file, bytes, out var undecodable);
        if (text is null)
        {
            diagnostics.Error(DiagnosticCodes.InvalidEncoding, undecodable.At, undecodable.Message);
            return null;
        }

        if (string.IsNullOrWhiteSpace(StripComments(text)))
        {
            diagnostics.Error(DiagnosticCodes.EmptyFile, SourceSpan.StartOf(file), "the file is empty: a policy file needs at least 'tenant' and 'domains'");
            return null;
        }

        var last = new LastPosition(SourceSpan.StartOf(file));
        var scanner = new Scanner(new StringReader(text));
        try
        {
            var parser = new Parser(scanner);
            parser.Consume<StreamStart>();
            parser.Consume<DocumentStart>();
            var root = ReadNode(file, parser, depth: 0, diagnostics, last);
            parser.Consume<DocumentEnd>();
            if (parser.Current is DocumentStart next)
            {
                diagnostics.Error(DiagnosticCodes.MultipleDocuments, At(file, next.Start), "a policy file holds one YAML document; use one file per tenant");
                return null;
            }

            if (root is YamlMapping mapping)
            {
                return mapping;
            }

            if (root is not null)
            {
                ValueReader.WrongType(diagnostics, root.Start, "the document", "a mapping with 'tenant' and 'domains'", root.KindName);
            }

            return null;
        }
        catch (TooDeepException)
        {
            return null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // YamlDotNet 18.1.0's scanner throws InvalidOperationException (not a YamlException) on
            // some malformed flow collections, e.g. an unclosed '[' followed by a "key:" line.
            var (at, message) = ex is YamlException yaml
                ? SyntaxError(file, text, yaml, scanner.CurrentPosition)
                : (last.At, "the YAML cannot be parsed after this point: check for an unclosed '[', '{' or quote");
            diagnostics.Error(DiagnosticCodes.YamlSyntax, at, message);
            return null;
        }
    }

    /// <summary>Where and what: the innermost exception that has a position (YamlDotNet wraps the one
    /// that says what is wrong), the message in plain words. A tab in the indentation is pointed at
    /// itself: YamlDotNet throws that error without a position (it would read as line 1, column 1) or
    /// at the start of the value before it, while its scanner stopped on the tab; and a line indented
    /// with spaces then a tab fails as "did not find expected key" at its first character.</summary>
    private static (SourceSpan At, string Message) SyntaxError(string file, string text, YamlException ex, Mark scannerAt)
    {
        var mark = scannerAt;
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is YamlException positioned && !(positioned.Start.Equals(Mark.Empty) && positioned.End.Equals(Mark.Empty)))
            {
                mark = positioned.Start;
            }
        }

        var reported = At(file, mark);
        var plain = YamlSyntaxMessages.Plain(InnermostMessage(ex), CharacterAt(text, reported));
        var stopped = At(file, scannerAt);
        var tab = plain == YamlSyntaxMessages.TabIndentation && CharacterAt(text, stopped) == '\t' ? stopped : TabBefore(text, reported);
        return tab is { } at ? (at, YamlSyntaxMessages.TabIndentation) : (reported, plain);
    }

    /// <summary>The first tab of the line's indentation when only blanks precede <paramref name="at"/> on its line.</summary>
    private static SourceSpan? TabBefore(string text, SourceSpan at)
    {
        var line = text.Split('\n').ElementAtOrDefault(at.Line - 1) ?? "";
        var before = line[..Math.Min(at.Column - 1, line.Length)];
        return before.All(c => c is ' ' or '\t') && before.IndexOf('\t', StringComparison.Ordinal) is >= 0 and var tab
            ? at with { Column = tab + 1 }
            : null;
    }

    /// <summary>The character at a 1-based line and column, or null past the end of the line.</summary>
    private static char? CharacterAt(string text, SourceSpan at) =>
        text.Split('\n').ElementAtOrDefault(at.Line - 1) is { } line && at.Column <= line.Length ? line[at.Column - 1] : null;

    /// <summary>Ends the read at the first node nested too deep (SFB007 is already reported).</summary>
    private sealed class TooDeepException : Exception;

    /// <summary>A tag as written: the core schema's long form back to its <c>!!</c> shorthand.</summary>
    private static string Shown(TagName tag) =>
        tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? $"!!{tag.Value["tag:yaml.org,2002:".Length..]}" : tag.Value;

    /// <summary>The start of the last node read, for errors the parser reports without a position.</summary>
    private sealed class LastPosition(SourceSpan at)
    {
        public SourceSpan At { get; set; } = at;
    }

    private static YamlNode? ReadNode(string file, IParser parser, int depth, DiagnosticBag diagnostics, LastPosition last)
    {
        var start = At(file, parser.Current!.Start);
        last.At = start;
        if (depth > MaxDepth)
        {
            // Stop reading here rather than skip the rest: YamlDotNet's scanner is quadratic in the
            // nesting depth (each token revisits every open flow level), so skipping 100,000 nested
            // '[' took a minute. Refused at the limit, the reader never looks far past it.
            diagnostics.Error(DiagnosticCodes.TooDeep, start, $"nesting deeper than {MaxDepth} levels is refused");
            throw new TooDeepException();
        }

        if (parser.Current is NodeEvent { Tag.IsEmpty: false } tagged)
        {
            diagnostics.Error(DiagnosticCodes.TagNotSupported, start, $"YAML tags ({Shown(tagged.Tag)}) are not supported: each key's type is set by the policy format; remove the tag");
        }

        switch (parser.Current)
        {
            case AnchorAlias:
                diagnostics.Error(DiagnosticCodes.AliasNotSupported, start, "aliases (*name) are not supported: write the value out");
                parser.MoveNext();
                return null;
            case Scalar scalar:
                parser.MoveNext();
                if (scalar.Value.Length > MaxScalarLength)
                {
                    diagnostics.Error(DiagnosticCodes.ScalarTooLong, start, $"a value of {scalar.Value.Length} characters is refused (at most {MaxScalarLength})");
                    return null;
                }

                return new YamlScalar(start, scalar.Value, scalar.Style == ScalarStyle.Plain) { End = At(file, scalar.End) };
            case SequenceStart sequenceStart:
                {
                    parser.MoveNext();
                    var items = new List<YamlNode>();
                    while (parser.Current is not SequenceEnd)
                    {
                        if (ReadNode(file, parser, depth + 1, diagnostics, last) is { } item)
                        {
                            items.Add(item);
                        }
                    }

                    var flow = sequenceStart.Style == SequenceStyle.Flow;
                    var end = flow ? At(file, parser.Current.Start) : items.Count > 0 ? items[^1].End : start;
                    parser.MoveNext();
                    return new YamlSequence(start, items) { End = end, IsFlow = flow };
                }

            case MappingStart mappingStart:
                {
                    parser.MoveNext();
                    var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                    while (parser.Current is not MappingEnd)
                    {
                        var key = ReadNode(file, parser, depth + 1, diagnostics, last);
                        var value = ReadNode(file, parser, depth + 1, diagnostics, last);
                        if (key is YamlScalar scalarKey && value is not null)
                        {
                            entries.Add(new(scalarKey, value));
                        }
                        else if (key is not null and not YamlScalar)
                        {
                            ValueReader.WrongType(diagnostics, key.Start, "a key", "a plain name", key.KindName);
                        }
                    }

                    var flow = mappingStart.Style == MappingStyle.Flow;
                    var end = flow ? At(file, parser.Current.Start) : entries.Count > 0 ? entries[^1].Value.End : start;
                    parser.MoveNext();
                    return new YamlMapping(start, entries) { End = end, IsFlow = flow };
                }

            default:
                throw new YamlException(parser.Current!.Start, parser.Current.End, $"unexpected {parser.Current.GetType().Name}");
        }
    }

    private static string StripComments(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.TrimStart().StartsWith('#') ? "" : l));

    private static SourceSpan At(string file, Mark mark) => new(file, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column));

    /// <summary>YamlDotNet wraps the useful message; the innermost one says what is wrong.</summary>
    private static string InnermostMessage(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        var message = ex.Message.Trim();
        return message.EndsWith('.') ? message[..^1] : message;
    }
}
