using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>How a deployed TrustModelData value is written as policies.yaml's <c>existing</c>,
/// <c>keepMicrosoftDefaults</c>, <c>domains</c> and <c>add</c>, so that the merge
/// (<see cref="TrustListMerger.Merge"/>: existing, the defaults if kept, domains, add) gives the value
/// back entry for entry, adding only the tenant's domains it lacks (where the merge puts domains). Rules, in order:
/// <list type="number">
/// <item>Microsoft's four defaults are left to <c>keepMicrosoftDefaults</c> where they stand as the
/// merge puts them: the entries before them are <c>existing</c> (the shortest such beginning, so the
/// defaults are not listed), the four (those not already among them) follow in Office's order.</item>
/// <item>Otherwise the value holds them elsewhere or not all: <c>existing</c> runs to the last default
/// it holds, and <c>keepMicrosoftDefaults</c> is true only when all four are in it (false reproduces a
/// value without them; generate would otherwise add them).</item>
/// <item>After that, the tenant's domains the value holds, in its order, then <c>add</c>: the rest.
/// When a domain comes after an entry that is not one, no order of <c>domains</c> gives the value
/// back, so <c>existing</c> holds the whole value instead (its order kept; the merge adds nothing).</item>
/// </list>
/// Whatever it chooses is checked against the merge itself before it is returned.</summary>
internal static class TrustValueLayout
{
    /// <param name="Existing">Indexes into the value.</param>
    /// <param name="Add">Indexes into the value.</param>
    /// <param name="Domains">The tenant's domains in the order to write them.</param>
    /// <param name="Whole">The value could not be split; existing holds all of it.</param>
    public sealed record Layout(ImmutableArray<int> Existing, bool KeepMicrosoftDefaults, ImmutableArray<string> Domains, ImmutableArray<int> Add, bool Whole);

    /// <param name="value">Normalised entries, each once.</param>
    /// <param name="domains">The tenant's domains, normalised, in the sources' order.</param>
    public static Layout Split(IReadOnlyList<string> value, IReadOnlyList<string> domains)
    {
        var defaults = TrustListMerger.MicrosoftDefaults;
        var (existingEnd, restStart, keep) = DefaultsRun(value) is { } run
            ? (run.Start, run.Start + run.Count, true)
            : LastDefault(value) is var last && last >= 0
                ? (last + 1, last + 1, defaults.All(value.Take(last + 1).Contains))
                : (0, 0, false);

        var inValue = value.ToHashSet(StringComparer.Ordinal);
        var domainSet = domains.ToHashSet(StringComparer.Ordinal);
        var rest = Enumerable.Range(restStart, value.Count - restStart).ToList();
        var leading = rest.TakeWhile(i => domainSet.Contains(value[i])).ToList();
        var layout = new Layout(
            [.. Enumerable.Range(0, existingEnd)],
            keep,
            [.. leading.Select(i => value[i]), .. domains.Where(d => !leading.Select(i => value[i]).Contains(d))],
            [.. rest.Skip(leading.Count)],
            Whole: false);

        if (!GivesBack(Merged(layout, value), value))
        {
            layout = new Layout([.. Enumerable.Range(0, value.Count)], defaults.All(inValue.Contains), [.. domains], [], Whole: true);
        }

        return layout;
    }

    /// <summary>The round trip: <paramref name="merged"/> is <paramref name="value"/>, entry for entry and
    /// in its order, once the tenant's domains the value lacked (which generate adds) are set aside.</summary>
    public static bool GivesBack(IEnumerable<string> merged, IReadOnlyList<string> value) =>
        merged.Where(value.Contains).SequenceEqual(value, StringComparer.Ordinal);

    /// <summary>What generate would deploy from <paramref name="layout"/>: the merge's own result.</summary>
    public static ImmutableArray<string> Merged(Layout layout, IReadOnlyList<string> value) =>
        TrustListMerger.Merge(layout.Existing.Select(i => value[i]), layout.KeepMicrosoftDefaults, layout.Domains, layout.Add.Select(i => value[i]));

    /// <summary>The first place where the defaults missing from the entries before it follow, in Office's order.</summary>
    private static (int Start, int Count)? DefaultsRun(IReadOnlyList<string> value)
    {
        for (var start = 0; start < value.Count; start++)
        {
            var missing = TrustListMerger.MicrosoftDefaults.Where(d => !value.Take(start).Contains(d)).ToList();
            if (missing.Count > 0 && value.Skip(start).Take(missing.Count).SequenceEqual(missing, StringComparer.Ordinal))
            {
                return (start, missing.Count);
            }
        }

        return null;
    }

    private static int LastDefault(IReadOnlyList<string> value)
    {
        for (var i = value.Count - 1; i >= 0; i--)
        {
            if (TrustListMerger.MicrosoftDefaults.Contains(value[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
