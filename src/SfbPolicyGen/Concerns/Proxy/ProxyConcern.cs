namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>The Proxy concern's declarations (<see cref="Concerns.Concern"/>).</summary>
public static class ProxyConcern
{
    public static readonly Concern Concern = new("proxy") { Keys = ProxyKeys.All };
}
