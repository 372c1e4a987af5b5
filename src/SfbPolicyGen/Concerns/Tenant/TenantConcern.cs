namespace SfbPolicyGen.Concerns;

/// <summary>What every fix shares: the tenant, its domains, what it retired, the safety thresholds, and
/// the files about the others (the guide, .gitattributes).</summary>
public static class TenantConcern
{
    public static readonly Concern Concern = new("tenant") { Keys = TenantKeys.All };
}
