using System.Collections.Immutable;

namespace SfbPolicyGen.Model;

/// <summary>The seed's rule: "you must <em>add</em> your domain name to the existing value, not simply
/// replace it". Once TrustModelData is set the client stops trusting its built-in defaults
/// (Office lync16.admx), so the merged value keeps them too. docs/REGISTRY.md, "Add, do not replace".
/// The appender script (registry/Add-TrustModelData.ps1) does the same in PowerShell on each machine;
/// a test runs both over the same cases.</summary>
public static class TrustListMerger
{
    /// <summary>The client's built-in trusted domains, in the order Office's template lists them.</summary>
    public static readonly ImmutableArray<string> MicrosoftDefaults =
        ["lync.com", "outlook.com", "lync.glbdns.microsoft.com", "microsoftonline.com"];

    /// <summary>existing, then the Microsoft defaults (if kept), then domains, then add; each name
    /// once, first occurrence wins.</summary>
    public static ImmutableArray<string> Merge(
        IEnumerable<string> existing, bool keepMicrosoftDefaults, IEnumerable<string> domains, IEnumerable<string> add) =>
        AppendMissing(existing, (keepMicrosoftDefaults ? MicrosoftDefaults : []).Concat(domains).Concat(add));

    /// <summary>The entries of <paramref name="current"/> as they are and in their order, then each
    /// entry of <paramref name="wanted"/> that is not there yet, compared without case (DNS names are
    /// case-insensitive, RFC 4343): a machine's value is extended, never reordered or rewritten.</summary>
    public static ImmutableArray<string> AppendMissing(IEnumerable<string> current, IEnumerable<string> wanted)
    {
        var merged = current.ToImmutableArray().ToBuilder();
        var seen = new HashSet<string>(merged, StringComparer.OrdinalIgnoreCase);
        foreach (var name in wanted)
        {
            if (seen.Add(name))
            {
                merged.Add(name);
            }
        }

        return merged.ToImmutable();
    }

    /// <summary>A REG_SZ value as the client reads it: comma-separated, blanks around entries and empty
    /// entries ignored.</summary>
    public static ImmutableArray<string> Entries(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
