using SfbPolicyGen.Concerns;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>safety: the thresholds above which generate refuses a tenant's removals without --force
/// (README, "Safety thresholds").</summary>
public static partial class PolicyLoader
{
    private static SafetySection ReadSafety(SectionReader root)
    {
        var safety = root.Section(TenantKeys.Safety);
        return new SafetySection(safety.WholeNumber(TenantKeys.MaxRemovedPercent), safety.WholeNumber(TenantKeys.MinExisting));
    }
}

internal sealed record SafetySection(Field<int> MaxRemovedPercent, Field<int> MinExisting)
{
    public SafetyPolicy ToPolicy() => new(MaxRemovedPercent.Or(SafetyPolicy.DefaultMaxRemovedPercent), MinExisting.Or(SafetyPolicy.DefaultMinExisting));
}
