namespace SfbPolicyGen.Concerns.ActiveDirectory;

/// <summary>The ActiveDirectory concern's declarations (<see cref="Concerns.Concern"/>).</summary>
public static class ActiveDirectoryConcern
{
    public static readonly Concern Concern = new("activeDirectory") { Keys = ActiveDirectoryKeys.All };
}
