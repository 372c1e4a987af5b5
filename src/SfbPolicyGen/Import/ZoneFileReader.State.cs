using System.Collections.Immutable;
using System.Globalization;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>The meaning of a zone file's entries, once its lines are split into them (ZoneFileReader.cs):
/// directives, owners, TTLs, classes, types and the names in each record's data.</summary>
internal static partial class ZoneFileReader
{
    /// <summary>What the entries so far have set: origin, default and last TTL, last owner and class, the records.</summary>
    private sealed class ZoneState(string file, DiagnosticBag diagnostics)
    {
        private static readonly HashSet<string> Classes = new(["IN", "CH", "HS", "CS"], StringComparer.OrdinalIgnoreCase);
        private string? _origin;
        private int? _defaultTtl;
        private int? _lastTtl;
        private string? _lastOwner;
        private string _lastClass = "IN";
        private (string Name, Origin At)? _firstOrigin;
        private (string Name, Origin At)? _soa;

        public List<FoundRecord> Records { get; } = [];

        /// <summary>The SOA's owner, else the first $ORIGIN, without its trailing dot.</summary>
        public (string Name, Origin At)? Domain => _soa ?? _firstOrigin;

        public void Add(Entry entry)
        {
            var t = entry.Tokens;
            if (!entry.OwnerOmitted && t[0].Text.StartsWith('$'))
            {
                Directive(t);
                return;
            }

            var at = Origin.InText(file, entry.Line, entry.Column);
            var index = 0;
            var owner = entry.OwnerOmitted ? _lastOwner : Name(t[index++]);
            if (owner is null)
            {
                if (entry.OwnerOmitted)
                {
                    Refuse(diagnostics, file, entry.Line, 1, "this record names no owner (the line starts with a blank) and no record before it did");
                }

                return;
            }

            int? ttl = null;
            string? recordClass = null;
            for (var round = 0; round < 2 && index < t.Count; round++)
            {
                if (ttl is null && char.IsAsciiDigit(t[index].Text[0]))
                {
                    if (Ttl(t[index]) is not { } value)
                    {
                        return;
                    }

                    ttl = value;
                    index++;
                }
                else if (recordClass is null && (Classes.Contains(t[index].Text) || IsGeneric(t[index].Text, "CLASS")))
                {
                    recordClass = t[index++].Text.ToUpperInvariant();
                }
                else
                {
                    break;
                }
            }

            if (index >= t.Count || !IsTypeName(t[index].Text))
            {
                var found = index < t.Count ? $"'{FreeText.Shown(t[index].Text)}'" : "nothing";
                var place = index < t.Count ? t[index] : t[^1];
                Refuse(diagnostics, file, place.Line, place.Column, $"a record type (CNAME, SRV, A...) must follow the owner, TTL and class; found {found}");
                return;
            }

            var type = t[index++].Text.ToUpperInvariant();
            _lastOwner = owner;
            _lastClass = recordClass ?? _lastClass;
            _lastTtl = ttl ?? _lastTtl;
            if ((ttl ?? _defaultTtl ?? _lastTtl) is not { } recordTtl)
            {
                Refuse(diagnostics, file, entry.Line, entry.Column, "this record has no TTL and none is set before it; add '$TTL 3600' at the top");
                return;
            }

            // No $ORIGIN: names are relative to the SOA's owner, as named.conf's zone statement would make them.
            if (type == "SOA" && _origin is null)
            {
                _origin = owner;
            }

            if (Fields(type, t.Skip(index).ToList(), entry) is not { } fields)
            {
                return;
            }

            if (type == "SOA")
            {
                if (_soa is not null)
                {
                    Refuse(diagnostics, file, entry.Line, entry.Column, $"a second SOA record (the first is at {_soa.Value.At.Shown}); a zone file holds one zone");
                    return;
                }

                _soa = (owner.TrimEnd('.'), at);
            }

            Records.Add(new FoundRecord(owner, _lastClass, type, recordTtl, fields, at));
        }

        private void Directive(IReadOnlyList<Token> t)
        {
            var name = t[0].Text.ToUpperInvariant();
            if (name is "$ORIGIN" or "$TTL" && t.Count != 2)
            {
                Refuse(diagnostics, file, t[0].Line, t[0].Column, $"{name} takes one value");
                return;
            }

            switch (name)
            {
                case "$ORIGIN":
                    if (Name(t[1]) is { } origin)
                    {
                        _origin = origin;
                        _firstOrigin ??= (origin.TrimEnd('.'), Origin.InText(file, t[0].Line, t[0].Column));
                    }

                    break;
                case "$TTL":
                    _defaultTtl = Ttl(t[1]) ?? _defaultTtl;
                    break;
                case "$INCLUDE":
                    Refuse(diagnostics, file, t[0].Line, t[0].Column, "$INCLUDE is not followed: import reads only the files it is given; give the included file as a source of its own");
                    break;
                default:
                    Refuse(diagnostics, file, t[0].Line, t[0].Column, $"{FreeText.Shown(t[0].Text)} is not read (only $ORIGIN and $TTL are; $GENERATE ranges are not expanded)");
                    break;
            }
        }

        /// <summary>The RDATA fields, names made absolute for the types whose fields are names.</summary>
        private ImmutableArray<string>? Fields(string type, IReadOnlyList<Token> data, Entry entry)
        {
            // The fields that are domain names, by type (RFC 1035, RFC 2782), and how many fields there are.
            (int Count, int[] Names)? shape = type switch
            {
                "CNAME" or "NS" or "PTR" or "DNAME" => (1, [0]),
                "MX" => (2, [1]),
                "SRV" => (4, [3]),
                "SOA" => (7, [0, 1]),
                _ => null,
            };
            if (shape is not { } known)
            {
                return [.. data.Select(d => d.Text)];
            }

            if (data.Count != known.Count)
            {
                Refuse(diagnostics, file, entry.Line, entry.Column, $"a {type} record has {known.Count} data field(s), this one {data.Count}");
                return null;
            }

            var fields = ImmutableArray.CreateBuilder<string>();
            for (var i = 0; i < data.Count; i++)
            {
                if (known.Names.Contains(i))
                {
                    if (Name(data[i]) is not { } name)
                    {
                        return null;
                    }

                    fields.Add(name);
                }
                else if (type is "SRV" or "MX" && !ushort.TryParse(data[i].Text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    Refuse(diagnostics, file, data[i].Line, data[i].Column, $"'{FreeText.Shown(data[i].Text)}' in a {type} record must be a number from 0 to 65535");
                    return null;
                }
                else
                {
                    fields.Add(data[i].Text);
                }
            }

            return fields.ToImmutable();
        }

        /// <summary>An absolute name, lowercased, with its trailing dot: relative names are completed with the origin.</summary>
        private string? Name(Token token)
        {
            var text = token.Text.ToLowerInvariant();
            if (token.Quoted || text.Length == 0)
            {
                Refuse(diagnostics, file, token.Line, token.Column, $"'{FreeText.Shown(token.Text)}' is not a domain name");
                return null;
            }

            if (text == "@" || !IsAbsolute(text))
            {
                if (_origin is null)
                {
                    Refuse(diagnostics, file, token.Line, token.Column, $"'{FreeText.Shown(token.Text)}' is relative, but no $ORIGIN is set before it");
                    return null;
                }

                return text == "@" ? _origin : _origin == "." ? text + "." : $"{text}.{_origin}";
            }

            return text;
        }

        /// <summary>Ends with a dot that no backslash escapes.</summary>
        private static bool IsAbsolute(string name)
        {
            var backslashes = name.Reverse().Skip(1).TakeWhile(c => c == '\\').Count();
            return name.EndsWith('.') && backslashes % 2 == 0;
        }

        /// <summary>Seconds, or BIND's units (s, m, h, d, w, case-insensitive, combined: 1h30m; a number
        /// without a unit is seconds); at most 2^31 - 1.</summary>
        private int? Ttl(Token token)
        {
            var text = token.Text;
            long total = 0;
            for (var i = 0; i < text.Length;)
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i == start || i - start > 10)
                {
                    return NotATtl();
                }

                var number = long.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
                long unit = i == text.Length ? 1 : char.ToLowerInvariant(text[i++]) switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800, _ => 0 };
                total += number * unit;
                if (unit == 0 || total > int.MaxValue)
                {
                    return NotATtl();
                }
            }

            return (int)total;

            int? NotATtl()
            {
                Refuse(diagnostics, file, token.Line, token.Column, $"'{FreeText.Shown(text)}' is not a TTL: seconds (3600) or BIND's units (1h, 1h30m), at most {int.MaxValue}");
                return null;
            }
        }

        private static bool IsGeneric(string text, string prefix) =>
            text.Length > prefix.Length && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && text[prefix.Length..].All(char.IsAsciiDigit);

        /// <summary>A mnemonic (letters and digits, starting with a letter: A, CNAME, NSEC3) or TYPEnnn (RFC 3597).</summary>
        private static bool IsTypeName(string text) =>
            char.IsAsciiLetter(text[0]) && text.All(char.IsAsciiLetterOrDigit) && !Classes.Contains(text);
    }
}
