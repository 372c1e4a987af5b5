namespace SfbPolicyGen.Concerns.Dns;

/// <summary>The Dns concern's declarations (<see cref="Concerns.Concern"/>).</summary>
public static class DnsConcern
{
    public static readonly Concern Concern = new("dns") { Keys = DnsKeys.All };
}
