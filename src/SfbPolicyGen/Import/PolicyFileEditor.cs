using System.Globalization;
using System.Text;
using DiffPlex.Renderer;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Schema;

namespace SfbPolicyGen.Import;

/// <summary>The result of <c>import --into</c>: the file's new text, what was added (one line each), and
/// the unified diff from the old text.</summary>
public sealed record PolicyFileEdit(string Text, IReadOnlyList<string> Added, IReadOnlyList<string> Notes, string Diff);

/// <summary><c>import --into FILE</c>: adds what was imported to a policy file that loads, by inserting
/// text at the places the loader's node tree knows (<see cref="YamlNode.End"/>), so that every comment,
/// blank line and spelling of the file stays as it was. What it adds: the domains, clients, value
/// entries (to <c>trustModelData.existing</c> or <c>add</c>, as the import mapped them) and retired clients the file lacks, each name compared
/// after normalisation (<see cref="DomainName.Normalize"/>) so nothing is listed twice; dns and gpo keys
/// the file does not write; the names the import keeps to dns.keep (a name the file's dns.manage takes
/// over is refused, naming the entry and the records). A key the file writes with another value is not changed: that is an error
/// naming both places (SFB049), as is a place where text cannot be inserted safely (a flow collection
/// over several lines, a flow document). Insertions: after the last entry of a block list (its dash
/// and indentation copied) or the last line of a block mapping; before the closing bracket of a
/// one-line flow list or mapping (then a comment line above the key says where the entries come from);
/// a new section at the end of the file. The edited text is loaded again and must hold everything
/// imported, or nothing is written.</summary>
public static class PolicyFileEditor
{
    public static PolicyFileEdit? Add(string file, byte[] bytes, ImportedPolicy imported, DiagnosticBag diagnostics)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            Refuse(diagnostics, SourceSpan.StartOf(file), "the file is UTF-16; import --into edits UTF-8 policy files (save it as UTF-8)");
            return null;
        }

        var loaded = new DiagnosticBag();
        var tenant = PolicyLoader.Load(file, bytes, loaded, out var root, out var text);
        diagnostics.AddRange(loaded);
        if (tenant is null || root is null || text is null)
        {
            return null;
        }

        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var errors = new DiagnosticBag();
        var edits = new Edits(text, root, errors);
        var notes = new List<string>();
        var added = Plan(tenant, imported, edits, notes, errors);
        diagnostics.AddRange(errors);
        if (errors.HasErrors)
        {
            return null;
        }

        var edited = edits.Apply();
        var check = new DiagnosticBag();
        var reloaded = PolicyLoader.Load(file, Encoding.UTF8.GetBytes(edited), check);
        var missing = reloaded is null ? "it does not load: " + string.Join("; ", check.Sorted().Where(d => d.Severity == Severity.Error))
            : ImportedPolicyCheck.Missing(reloaded, imported) ?? ImportedPolicyCheck.Changes(reloaded, imported);
        if (missing is not null)
        {
            Refuse(diagnostics, SourceSpan.StartOf(file), $"the additions cannot be made safely ({missing}); add them by hand");
            return null;
        }

        var diff = added.Count == 0 ? "" : UnidiffRenderer.GenerateUnidiff(text, edited, $"a/{file}", $"b/{file}", ignoreWhitespace: false);
        return new PolicyFileEdit((bom ? "\uFEFF" : "") + edited, added, notes, diff);
    }

    /// <summary>Decides what to add and queues the insertions; returns one line per addition.</summary>
    private static List<string> Plan(TenantPolicy tenant, ImportedPolicy imported, Edits edits, List<string> notes, DiagnosticBag diagnostics)
    {
        var added = new List<string>();
        void List<T>(string? section, string key, IReadOnlyList<Sourced<T>> items, Func<T, string> shown)
        {
            if (items.Count > 0)
            {
                edits.AddToList(section, key, [.. items.Select(i => (shown(i.Value), i.Where))]);
                added.AddRange(items.Select(i => $"{(section is null ? "" : section + ".")}{key}: + {shown(i.Value)} ({i.Where})"));
            }
        }

        // A key the file writes keeps its value (another one is an error); one it leaves to its default
        // is written when the default is not what was read.
        void Scalar(string section, string key, string effective, string value, string where)
        {
            if (effective == value)
            {
                return;
            }

            if (edits.IsWritten(section, key))
            {
                Refuse(diagnostics, edits.PlaceOf(section, key), $"the file sets {section}.{key} to {effective} here, but the import read {value} at {where}; change one of them by hand");
                return;
            }

            edits.SetScalar(section, key, value, where);
            added.Add($"{section}.{key}: {value} ({where})");
        }

        var newDomains = imported.Domains.Where(d => !tenant.Domains.Contains(d.Value)).ToList();
        List(null, "domains", newDomains, d => d);
        if (imported.Trust is { } trust)
        {
            var kept = tenant.TrustModelData.Clients;
            foreach (var both in trust.Retired.Where(r => kept.Contains(r.Value)))
            {
                Refuse(diagnostics, edits.PlaceOf("trustModelData", "clients"), $"the file deploys TrustModelData for {both.Value.Id}, but the import read its deletion at {both.Where}; retire the client or keep it, by hand");
            }

            foreach (var both in trust.Clients.Where(c => tenant.Retired.Clients.Contains(c.Value)))
            {
                Refuse(diagnostics, edits.PlaceOf("retired", "clients"), $"the file retires {both.Value.Id}, but the import read its TrustModelData at {both.Where}; keep the client or retire it, by hand");
            }

            var newClients = trust.Clients.Where(c => !kept.Contains(c.Value)).ToList();
            if (newClients.Count > 0 && !edits.IsWritten("trustModelData", "clients"))
            {
                // Not written means [communicator]: writing the key keeps it, then adds the new ones.
                newClients.Insert(0, new Sourced<TrustClient>(TrustClient.Communicator, new Origin(SourceSpan.StartOf(""), "the default of trustModelData.clients, kept")));
            }

            List("trustModelData", "clients", newClients, c => c.Id);
            var known = tenant.TrustModelData.Value.Concat(newDomains.Select(d => d.Value)).ToHashSet(StringComparer.Ordinal);
            // Each new entry goes to the key the import mapped it to (and printed), so the merge keeps its
            // place in the value: an entry after the domains appended to existing would move before them.
            var mappedToAdd = trust.Add.Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
            var newEntries = trust.Value.Where(v => !known.Contains(v.Value)).ToList();
            List("trustModelData", "existing", [.. newEntries.Where(v => !mappedToAdd.Contains(v.Value))], e => e);
            List("trustModelData", "add", [.. newEntries.Where(v => mappedToAdd.Contains(v.Value))], e => e);
            List("retired", "clients", [.. trust.Retired.Where(r => !tenant.Retired.Clients.Contains(r.Value))], c => c.Id);
            if (trust.KeepMicrosoftDefaults is { Value: false } keep && tenant.TrustModelData.KeepMicrosoftDefaults)
            {
                notes.Add($"the deployed value lacks Microsoft's defaults ({keep.Where}); the file keeps them (keepMicrosoftDefaults), so generate adds them");
            }
        }

        if (imported.Dns is { } dns)
        {
            var now = tenant.Dns;
            Scalar("dns", "profile", now.Profile.YamlName(), dns.Profile.Value.YamlName(), dns.Profile.Where);
            if (dns.Cloud is { } cloud)
            {
                Scalar("dns", "cloud", now.Cloud.YamlName(), cloud.Value.YamlName(), cloud.Where);
            }

            if (dns.SipTarget is { } sip)
            {
                Scalar("dns", "sipTarget", now.SipTarget, sip.Value, sip.Where);
            }

            if (dns.Lyncdiscover is { } lyncdiscover)
            {
                Scalar("dns", "lyncdiscover", now.Lyncdiscover ? "true" : "false", lyncdiscover.Value ? "true" : "false", lyncdiscover.Where);
            }

            Scalar("dns", "ttl", now.Ttl.ToString(CultureInfo.InvariantCulture), dns.Ttl.Value.ToString(CultureInfo.InvariantCulture), dns.Ttl.Where);
        }

        // dns.keep: the names whose records the profile does not publish. One the file's dns.manage takes
        // over is refused: the DNS files would own Microsoft's records there (docs/DNS.md, "What the tool
        // owns"), and a name is managed or kept, not both (SFB033).
        var keeps = new List<Sourced<string>>();
        foreach (var kept in imported.Kept.Where(k => !tenant.Dns.IsKept(k.Scope.Domain!, k.Scope.Name)))
        {
            if (tenant.Dns.Manage.FirstOrDefault(m => m.Covers(kept.Scope.Domain!, kept.Scope.Name)) is { } managed)
            {
                Refuse(diagnostics, edits.PlaceOfEntry("dns", "manage", raw => DnsNameScope.Parse(raw, out _) == managed), Managed(tenant, kept, managed));
            }
            else
            {
                keeps.Add(kept.Entry);
            }
        }

        List("dns", "keep", keeps, k => k);
        if (imported.GpoName is { } gpo)
        {
            Scalar("gpo", "name", ImportedPolicyWriter.Quoted(tenant.Gpo.Name), ImportedPolicyWriter.Quoted(gpo.Value), gpo.Where);
        }

        return added;
    }

    /// <summary>Why a name import keeps cannot be kept while dns.manage takes it over: what the DNS files
    /// would do to the records the source holds there, by the one rule (<see cref="DnsNameRule.Decide"/>).</summary>
    private static string Managed(TenantPolicy tenant, KeptName kept, DnsNameScope managed)
    {
        var domain = kept.Scope.Domain!;
        var rule = DnsRules.ForDomain(tenant, domain, tenant.Retired.Domains.Contains(domain), DnsHistory.None).Single(r => r.Name == kept.Scope.Name);
        var decision = rule.Decide([.. kept.Records.Select(DnsProfileMatcher.Present)]);
        var consequence = decision.Step switch
        {
            DnsStep.Replace => $"the DNS files would replace {decision.Found} with {rule.Wanted!.Type} {rule.Wanted.Data}: a planned deletion of a live record",
            DnsStep.Remove => $"the DNS files would remove {string.Join(", ", decision.Removed)}: a planned deletion of a live record",
            DnsStep.Right or DnsStep.SetTtl or DnsStep.Add or DnsStep.Conflict or DnsStep.Kept => "a name is managed or kept, not both",
        };
        return $"dns.manage '{managed}' takes over {rule.Owner}, where {kept.Where} holds {string.Join(", ", kept.Records.Select(r => $"{r.Type} {r.Data}"))}; {consequence}. Import keeps that name ({kept.Why}): take the entry out of dns.manage (or narrow it to other domains) and import again";
    }

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

    /// <summary>SFB049: what import --into will not add to this file, at its place there.</summary>
    private static void Refuse(DiagnosticBag diagnostics, SourceSpan at, string message) =>
        diagnostics.Error(DiagnosticCodes.CannotAddToPolicyFile, at, message);
}
