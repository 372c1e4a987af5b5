using System.Globalization;
using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Import;

/// <summary>Where an imported value was read: a place in a text file, an entry of a binary
/// Registry.pol, or a record of a zone transfer. <see cref="At"/> places diagnostics (for Registry.pol
/// the line is the entry's number; for a transfer the "file" is <c>axfr://server/zone</c> and the line
/// the record's number); <see cref="Shown"/> is what the output and the policy file's comments say.</summary>
public sealed record Origin(SourceSpan At, string Shown)
{
    /// <summary>The source, its unit ("line", "entry", "record") and the number, so that several places
    /// in one source read as one: <c>a.zone lines 5, 6, 8</c>.</summary>
    private (string Source, string Unit, int Number)? Part { get; init; }

    public static Origin InText(string file, int line, int column) =>
        new(new SourceSpan(file, line, column), string.Create(CultureInfo.InvariantCulture, $"{file}({line},{column})")) { Part = (file, "line", line) };

    public static Origin InBinary(string file, int entry) =>
        new(new SourceSpan(file, entry, 1), string.Create(CultureInfo.InvariantCulture, $"{file} entry {entry}")) { Part = (file, "entry", entry) };

    public static Origin InTransfer(string server, string zone, int record) =>
        new(new SourceSpan($"axfr://{server}/{zone}", record, 1), string.Create(CultureInfo.InvariantCulture, $"{server} AXFR {zone} record {record}")) { Part = ($"{server} AXFR {zone}", "record", record) };

    /// <summary>A value given on the command line (<c>--domain</c>): no place in a file.</summary>
    public static Origin OnCommandLine(string option) => new(new SourceSpan(option, 1, 1), option);

    /// <summary>The <paramref name="number"/>th name of the TrustModelData value read here.</summary>
    public Origin Name(int number) => new(At, string.Create(CultureInfo.InvariantCulture, $"{Shown} name {number}"));

    /// <summary>Names <paramref name="numbers"/> of the value read here (<c>names 2-5</c>).</summary>
    public Origin Names(IReadOnlyList<int> numbers) => new(At, $"{Shown} {(numbers.Count == 1 ? "name" : "names")} {Ranges(numbers)}");

    public override string ToString() => Shown;

    /// <summary>The places, several of one source as one (<c>a.zone lines 5, 6, 8</c>), then a few
    /// sources and how many more: a profile is read from up to four records per domain.</summary>
    public static string Few(IEnumerable<Origin> origins)
    {
        const int Shown = 3;
        var groups = origins
            .DistinctBy(o => o.Shown)
            .GroupBy(o => o.Part is { } part ? (part.Source, part.Unit) : (o.Shown, ""))
            .Select(g => g.Count() == 1 || g.Key.Item2.Length == 0
                ? g.First().Shown
                : $"{g.Key.Item1} {g.Key.Item2}s {string.Join(", ", g.Select(o => o.Part!.Value.Number).Order())}")
            .ToList();
        return groups.Count <= Shown ? string.Join("; ", groups) : $"{string.Join("; ", groups.Take(Shown))} and {groups.Count - Shown} more";
    }

    /// <summary>1, 2, 3, 5 → "1-3, 5".</summary>
    private static string Ranges(IReadOnlyList<int> numbers)
    {
        var ranges = new List<string>();
        for (var i = 0; i < numbers.Count;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }

            ranges.Add(j == i ? numbers[i].ToString(CultureInfo.InvariantCulture) : $"{numbers[i]}-{numbers[j]}");
            i = j + 1;
        }

        return string.Join(", ", ranges);
    }
}

/// <summary>A value and every place it was read (the same value from two sources keeps both).</summary>
public sealed record Sourced<T>(T Value, IReadOnlyList<Origin> From)
{
    public Sourced(T value, Origin from)
        : this(value, [from])
    {
    }

    public string Where => Origin.Few(From);
}
