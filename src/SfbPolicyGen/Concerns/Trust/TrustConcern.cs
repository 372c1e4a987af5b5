namespace SfbPolicyGen.Concerns.Trust;

/// <summary>The Trust concern's declarations (<see cref="Concerns.Concern"/>).</summary>
public static class TrustConcern
{
    public static readonly Concern Concern = new("trust") { Keys = TrustKeys.All };
}
