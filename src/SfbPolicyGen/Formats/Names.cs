namespace SfbPolicyGen.Formats;

/// <summary>Lists of names as a summary or a note shows them: a few, then how many more (a service
/// provider's repository holds thousands of tenants, an export thousands of keys).</summary>
public static class Names
{
    public const int Shown = 5;

    public static string Few(IReadOnlyList<string> names) =>
        names.Count <= Shown ? string.Join(", ", names) : $"{string.Join(", ", names.Take(Shown))} and {names.Count - Shown} more";
}
