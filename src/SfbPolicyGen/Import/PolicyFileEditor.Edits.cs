using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Schema;

namespace SfbPolicyGen.Import;

/// <summary>How an addition lands in the file's text: where each key goes in the YAML as written, with
/// its indentation and comment, applied from the end; what to add is decided in PolicyFileEditor.cs.</summary>
public static partial class PolicyFileEditor
{
    /// <summary>Insertions into the text, queued, then applied from the end so that places stay valid.</summary>
    private sealed class Edits(string text, YamlMapping root, DiagnosticBag diagnostics)
    {
        /// <summary>At one offset, text goes in rank order: entries appended to a list, then keys added
        /// after a mapping, then a comment line above the next key, then a section at the end.</summary>
        private readonly List<(int Offset, int Rank, int Order, string Text)> _insertions = [];
        private readonly string[] _lines = text.Split('\n');
        private readonly string _newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

        /// <summary>Whether the key is written with a value (a YAML null counts as not written, as for the loader).</summary>
        public bool IsWritten(string section, string key) =>
            Entry(Entry(root, section)?.Value as YamlMapping, key)?.Value is not (null or YamlScalar { IsNull: true });

        /// <summary>Where the entry of a list that <paramref name="matches"/> is written, else <see cref="PlaceOf"/>.</summary>
        public SourceSpan PlaceOfEntry(string section, string key, Func<string, bool> matches) =>
            (Entry(Entry(root, section)?.Value as YamlMapping, key)?.Value as YamlSequence)?.Items.OfType<YamlScalar>().FirstOrDefault(i => matches(i.Value))?.Start
            ?? PlaceOf(section, key);

        /// <summary>Where a key's value is, else its section, else the start of the file: for messages.</summary>
        public SourceSpan PlaceOf(string section, string key) =>
            (Entry(Entry(root, section)?.Value as YamlMapping, key)?.Value ?? Entry(root, section)?.Value ?? root).Start;

        public void AddToList(string? section, string key, IReadOnlyList<(string Value, string Comment)> items)
        {
            var list = items.Select(i => new Line($"- {i.Value}", i.Comment)).ToList();
            Line[] keyed = [new($"{key}:", null), .. list.Select(l => l.Indented("  "))];
            var flow = $"[{string.Join(", ", items.Select(i => i.Value))}]";
            var comment = $"# imported: {string.Join("; ", items.Select(i => $"{i.Value} ({i.Comment})"))}";
            if (section is not null && Entry(root, section) is null)
            {
                AppendSection(section, keyed);
                return;
            }

            var mapping = section is null ? root : Entry(root, section)!.Value.Value as YamlMapping;
            if (mapping is null)
            {
                UnderEmptyKey(Entry(root, section!)!.Value.Key, keyed);
                return;
            }

            switch (Entry(mapping, key)?.Value)
            {
                case null:
                    InsertKey(mapping, keyed, $"{key}: {flow}", comment);
                    break;
                case YamlScalar { IsNull: true }:
                    UnderEmptyKey(Entry(mapping, key)!.Value.Key, list);
                    break;
                case YamlSequence { IsFlow: true } sequence:
                    if (sequence.Start.Line != sequence.End.Line)
                    {
                        Refuse(diagnostics, sequence.Start, $"'{key}' is a [ ] list over several lines; import --into extends a one-line [ ] list or a list of '- ' lines: rewrite it as one of those");
                        return;
                    }

                    Insert(sequence.End, (sequence.Items.Count > 0 ? ", " : "") + string.Join(", ", items.Select(i => i.Value)));
                    CommentAbove(Entry(mapping, key)!.Value.Key, comment);
                    break;
                case YamlSequence sequence:
                    var last = sequence.Items[^1];
                    var line = _lines[last.Start.Line - 1].TrimEnd('\r');
                    var dash = line[..(last.Start.Column - 1)];
                    if (last is not YamlScalar || last.Start.Line != last.End.Line || dash.Trim() != "-")
                    {
                        Refuse(diagnostics, last.Start, $"the last entry of '{key}' is not a '- name' line of its own; import --into adds a line after it in that form");
                        return;
                    }

                    AfterLine(last.End.Line, list.Select(l => l.Indented(dash[..dash.IndexOf('-', StringComparison.Ordinal)])), rank: 0);
                    break;
                default:
                    Refuse(diagnostics, mapping.Start, $"'{key}' is not a list");
                    break;
            }
        }

        public void SetScalar(string section, string key, string value, string comment)
        {
            var keyLine = new Line($"{key}: {value}", comment);
            switch (Entry(root, section))
            {
                case null:
                    AppendSection(section, [keyLine]);
                    break;
                case { Value: YamlMapping mapping }:
                    if (Entry(mapping, key) is { Value: YamlScalar { IsNull: true } })
                    {
                        Refuse(diagnostics, Entry(mapping, key)!.Value.Key.Start, $"'{section}.{key}' is written empty; write its value ({value}, read at {comment}) or remove the key");
                        return;
                    }

                    InsertKey(mapping, [keyLine], $"{key}: {value}", $"# imported: {key} ({comment})");
                    break;
                case { Key: var sectionKey, Value: YamlScalar { IsNull: true } }:
                    UnderEmptyKey(sectionKey, [keyLine]);
                    break;
                default:
                    Refuse(diagnostics, root.Start, $"'{section}' is not a mapping");
                    break;
            }
        }

        public string Apply()
        {
            var result = new StringBuilder(text);
            foreach (var (offset, _, _, insert) in _insertions.OrderByDescending(i => i.Offset).ThenByDescending(i => i.Rank).ThenByDescending(i => i.Order))
            {
                result.Insert(offset, insert);
            }

            return result.ToString();
        }

        /// <summary>A new key in a mapping: after its last line (block), or before its '}' (one-line flow).</summary>
        private void InsertKey(YamlMapping mapping, IReadOnlyList<Line> blockLines, string flowText, string comment)
        {
            if (mapping.IsFlow)
            {
                if (mapping.Start.Line != mapping.End.Line || mapping == root)
                {
                    Refuse(diagnostics, mapping.Start, "this { } mapping spans several lines (or is the whole document); import --into adds to a one-line { } mapping or to '- '/'key:' lines: rewrite it as one of those");
                    return;
                }

                Insert(mapping.End, (mapping.Entries.Count > 0 ? ", " : "") + flowText);
                CommentAbove(mapping, comment);
                return;
            }

            var indent = new string(' ', mapping.Entries[0].Key.Start.Column - 1);
            AfterLine(LastLine(mapping), blockLines.Select(l => l.Indented(indent)), rank: 1);
        }

        /// <summary>Lines under a key written with no value (<c>gpo:</c>), indented two spaces more.</summary>
        private void UnderEmptyKey(YamlScalar key, IReadOnlyList<Line> lines)
        {
            var indent = new string(' ', key.Start.Column + 1);
            AfterLine(key.Start.Line, lines.Select(l => l.Indented(indent)), rank: 1);
        }

        /// <summary>A new section at the end of the file (the document is a block mapping).</summary>
        private void AppendSection(string section, IReadOnlyList<Line> lines)
        {
            if (root.IsFlow)
            {
                Refuse(diagnostics, root.Start, "the document is one { } mapping; import --into adds sections to a document of 'key:' lines");
                return;
            }

            var separator = text.EndsWith('\n') ? "" : _newline;
            _insertions.Add((text.Length, 3, _insertions.Count, separator + _newline + Text([new Line($"{section}:", null), .. lines.Select(l => l.Indented("  "))])));
        }

        private void CommentAbove(YamlNode node, string comment)
        {
            var line = _lines[node.Start.Line - 1];
            var indent = line[..(line.Length - line.TrimStart().Length)];
            _insertions.Add((Offset(node.Start.Line, 1), 2, _insertions.Count, indent + PolicyFileLines.Comment(comment) + _newline));
        }

        /// <summary>Lines inserted after line <paramref name="line"/> (1-based); after the last line of a
        /// file that does not end with a line end, one is added first.</summary>
        private void AfterLine(int line, IEnumerable<Line> lines, int rank)
        {
            var body = Text(lines);
            _insertions.Add(line >= _lines.Length
                ? (text.Length, rank, _insertions.Count, _newline + body)
                : (Offset(line + 1, 1), rank, _insertions.Count, body));
        }

        /// <summary>Lines as text, each comment from column 33 as in the files import and init write.</summary>
        private string Text(IEnumerable<Line> lines) =>
            string.Concat(lines.Select(l => (l.Comment is null ? l.Text : PolicyFileLines.Commented(l.Text, l.Comment)) + _newline));

        private void Insert(SourceSpan at, string insert) => _insertions.Add((Offset(at.Line, at.Column), 0, _insertions.Count, insert));

        /// <summary>The last line a mapping's text occupies (its end mark is exclusive: a mark at column 1
        /// is the start of the next line).</summary>
        private static int LastLine(YamlNode node) => node.End.Column == 1 && node.End.Line > node.Start.Line ? node.End.Line - 1 : node.End.Line;

        private int Offset(int line, int column)
        {
            var offset = 0;
            for (var i = 0; i < line - 1 && i < _lines.Length; i++)
            {
                offset += _lines[i].Length + 1;
            }

            return Math.Min(offset + column - 1, text.Length);
        }

        private static KeyValuePair<YamlScalar, YamlNode>? Entry(YamlMapping? mapping, string key) =>
            mapping?.Entries.Where(e => e.Key.Value == key).Select(e => (KeyValuePair<YamlScalar, YamlNode>?)e).FirstOrDefault();
    }

    /// <summary>A line to insert, its comment (where the value was read) set beside it once it is indented.</summary>
    private sealed record Line(string Text, string? Comment)
    {
        public Line Indented(string indent) => this with { Text = indent + Text };
    }
}
