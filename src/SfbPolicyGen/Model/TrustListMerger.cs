using System.Collections.Immutable;

namespace SfbPolicyGen.Model;

/// <summary>The seed's rule: "you must <em>add</em> your domain name to the existing value, not simply
/// replace it". Once TrustModelData is set the client stops trusting its built-in defaults
/// (Office lync16.admx), so the merged value keeps them too. DOMAIN.md section 1.</summary>
public static class TrustListMerger
{
    /// <summary>The client's built-in trusted domains, in the order Office's template lists them.</summary>
    public static readonly ImmutableArray<string> MicrosoftDefaults =
        ["lync.com", "outlook.com", "lync.glbdns.microsoft.com", "microsoftonline.com"];

    /// <summary>existing, then the Microsoft defaults (if kept), then domains, then add; each name
    /// once, first occurrence wins. Names arrive normalised (lowercase), so ordinal is exact.</summary>
    public static ImmutableArray<string> Merge(
        IEnumerable<string> existing, bool keepMicrosoftDefaults, IEnumerable<string> domains, IEnumerable<string> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merged = ImmutableArray.CreateBuilder<string>();
        var defaults = keepMicrosoftDefaults ? MicrosoftDefaults : [];
        foreach (var name in existing.Concat(defaults).Concat(domains).Concat(add))
        {
            if (seen.Add(name))
            {
                merged.Add(name);
            }
        }

        return merged.ToImmutable();
    }
}
