using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>safety: the thresholds above which generate refuses a tenant's removals without --force
/// (README, "Safety thresholds").</summary>
public static partial class PolicyLoader
{
    internal static readonly string[] SafetyKeys = ["maxRemovedPercent", "minExisting"];

    private static SafetySection ReadSafety(SectionReader root)
    {
        var safety = root.Section("safety", SafetyKeys);
        return new SafetySection(safety.WholeNumber("maxRemovedPercent", 0, 100, "percent"), safety.WholeNumber("minExisting", 1, int.MaxValue, "a count"));
    }
}

internal sealed record SafetySection(Field<int> MaxRemovedPercent, Field<int> MinExisting)
{
    public SafetyPolicy ToPolicy() => new(MaxRemovedPercent.Or(SafetyPolicy.DefaultMaxRemovedPercent), MinExisting.Or(SafetyPolicy.DefaultMinExisting));
}
