namespace SfbPolicyGen.Concerns.ClientCleanup;

/// <summary>The ClientCleanup concern's declarations (<see cref="Concerns.Concern"/>).</summary>
public static class ClientCleanupConcern
{
    public static readonly Concern Concern = new("clientCleanup") { Keys = ClientCleanupKeys.All };
}
