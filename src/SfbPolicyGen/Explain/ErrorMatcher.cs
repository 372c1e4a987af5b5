using System.Globalization;
using System.Text;

namespace SfbPolicyGen.Explain;

/// <summary>An entry that shares words with a query that matched nothing.</summary>
/// <param name="Shared">The query's words the entry holds, in the query's order.</param>
public sealed record CloseEntry(ErrorEntry Entry, IReadOnlyList<string> Shared);

/// <summary>Finds the article's entry for a message as a user pastes it: any case, with or without
/// accents or punctuation, whole or in part, English or French. A message that contains one of an
/// entry's wordings, or is contained in one (four letters at least), matches outright, and so does a
/// message that holds one of its keywords as whole words (<c>msoidsvc.exe</c>, <c>CNAME</c>);
/// otherwise entries are ranked by the share of the message's words their wordings hold.</summary>
public static class ErrorMatcher
{
    /// <summary>A ranked match at or above this share of words is taken as the answer.</summary>
    public const double Threshold = 0.6;

    /// <summary>How many close entries a query that matches nothing is shown.</summary>
    public const int MaxClose = 3;

    /// <summary>The entries that match, best first (several when the message is ambiguous, e.g. "server").</summary>
    public static IReadOnlyList<ErrorEntry> Match(string message)
    {
        var query = Normalize(message);
        var words = Words(query);
        var scored = ErrorCatalog.Entries.Select(entry => (Entry: entry, Score: Score(query, words, entry))).ToList();
        var best = scored.Max(s => s.Score);
        return best < Threshold ? [] : [.. scored.Where(s => s.Score >= best - 0.001).Select(s => s.Entry)];
    }

    /// <summary>For a message that matches nothing: the entries whose wordings share a word with it
    /// (most shared first, then the catalog's order), at most <see cref="MaxClose"/>; empty when none
    /// does. Keywords count only whole (then the message would have matched): the word "server" of
    /// "Lync Server 2010" does not make "User is not SIP enabled" close to "the server exploded".</summary>
    public static IReadOnlyList<CloseEntry> Closest(string message)
    {
        var words = Words(Normalize(message));
        return
        [
            .. ErrorCatalog.Entries
                .Select(entry => new CloseEntry(entry, [.. words.Where(word => EntryWords(entry).Any(other => Related(word, other)))]))
                .Where(close => close.Shared.Count > 0)
                .OrderByDescending(close => close.Shared.Count)
                .Take(MaxClose),
        ];
    }

    private static double Score(string query, IReadOnlyList<string> words, ErrorEntry entry)
    {
        var padded = $" {query} ";
        if (entry.Keywords.Any(keyword => padded.Contains($" {Normalize(keyword)} ", StringComparison.Ordinal)))
        {
            return 1;
        }

        var best = 0.0;
        foreach (var text in entry.Wordings.Select(Normalize))
        {
            if (query.Length >= 4 && (text.Contains(query, StringComparison.Ordinal) || query.Contains(text, StringComparison.Ordinal)))
            {
                return 1;
            }

            var entryWords = Words(text);
            if (words.Count > 0)
            {
                best = Math.Max(best, (double)words.Count(entryWords.Contains) / words.Count);
            }
        }

        return best;
    }

    private static IEnumerable<string> EntryWords(ErrorEntry entry) => entry.Wordings.SelectMany(text => Words(Normalize(text)));

    /// <summary>The same word, or one a longer form of the other (certificat, certificate).</summary>
    private static bool Related(string word, string other) =>
        word == other || (Math.Min(word.Length, other.Length) >= 5 && (word.StartsWith(other, StringComparison.Ordinal) || other.StartsWith(word, StringComparison.Ordinal)));

    /// <summary>Lowercase, accents removed (NFD, marks dropped), typographic apostrophes and every
    /// other non-letter run turned into one space.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Trim();
    }

    // Words that say nothing about which error it is: short ones ("le", "is") and these.
    private static readonly HashSet<string> StopWords =
        ["the", "and", "for", "you", "your", "that", "this", "was", "are", "with", "les", "des", "une", "est", "pas", "pour", "que", "qui", "par", "sur", "vous", "votre", "avec", "dans"];

    /// <summary>The words that can tell entries apart, each once, in the text's order.</summary>
    private static IReadOnlyList<string> Words(string normalized) =>
        [.. normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3 && !StopWords.Contains(w)).Distinct(StringComparer.Ordinal)];
}
