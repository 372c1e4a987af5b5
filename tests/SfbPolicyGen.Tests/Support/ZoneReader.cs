namespace SfbPolicyGen.Tests.Support;

public sealed record ZoneRecord(string Name, int Ttl, string Type, string Data);

/// <summary>Re-reads the zone snippets: $ORIGIN (absolute), $TTL (numeric), records of the form
/// "name ttl IN type rdata" with numeric TTLs and absolute targets. Throws on anything else.</summary>
public static class ZoneReader
{
    public static (string Origin, int DefaultTtl, IReadOnlyList<ZoneRecord> Records) Parse(string text)
    {
        string? origin = null;
        int? ttl = null;
        var records = new List<ZoneRecord>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith(';'))
            {
                continue;
            }

            if (line.Contains('\r', StringComparison.Ordinal) || line.Contains('\t', StringComparison.Ordinal))
            {
                throw new FormatException($"line {lineNumber}: CR or tab");
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (fields[0])
            {
                case "$ORIGIN" when fields.Length == 2 && fields[1].EndsWith('.'):
                    origin = fields[1][..^1];
                    break;
                case "$TTL" when fields.Length == 2:
                    ttl = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    if (fields.Length < 5 || fields[2] != "IN" || !fields[1].All(char.IsAsciiDigit) || !fields[^1].EndsWith('.'))
                    {
                        throw new FormatException($"line {lineNumber}: not 'name ttl IN type rdata' with an absolute target: {line}");
                    }

                    records.Add(new ZoneRecord(fields[0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[3], string.Join(' ', fields[4..])));
                    break;
            }
        }

        return (origin ?? throw new FormatException("no $ORIGIN"), ttl ?? throw new FormatException("no $TTL"), records);
    }
}
