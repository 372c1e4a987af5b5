using System.Globalization;
using System.Text;

namespace SfbPolicyGen.Explain;

public sealed record ErrorMatch(ErrorEntry Entry, double Score);

/// <summary>Finds the article's entry for a message as a user pastes it: any case, with or without
/// accents or punctuation, whole or in part, English or French. A message that contains an entry's
/// text, or is contained in it (four letters at least), matches outright; otherwise entries are
/// ranked by the share of the message's words they hold.</summary>
public static class ErrorMatcher
{
    /// <summary>A ranked match at or above this share of words is taken as the answer.</summary>
    public const double Threshold = 0.6;

    /// <summary>Entries ranked best first, each with its score (1 for an outright match).</summary>
    public static IReadOnlyList<ErrorMatch> Rank(string message)
    {
        var query = Normalize(message);
        var words = Words(query);
        return
        [
            .. ErrorCatalog.Entries
                .Select(entry => new ErrorMatch(entry, Score(query, words, entry)))
                .OrderByDescending(m => m.Score)
                .ThenBy(m => m.Entry.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>The entries that match, best first (several when the message is ambiguous, e.g. "server").</summary>
    public static IReadOnlyList<ErrorEntry> Match(string message)
    {
        var ranked = Rank(message);
        return [.. ranked.Where(m => m.Score >= Threshold && m.Score >= ranked[0].Score - 0.001).Select(m => m.Entry)];
    }

    private static double Score(string query, HashSet<string> words, ErrorEntry entry)
    {
        var best = 0.0;
        foreach (var text in new[] { Normalize(entry.English), Normalize(entry.French) })
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

    private static HashSet<string> Words(string normalized) =>
        [.. normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3 && !StopWords.Contains(w))];
}
