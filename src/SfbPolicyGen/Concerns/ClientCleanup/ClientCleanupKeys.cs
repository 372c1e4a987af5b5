using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.ClientCleanup;

/// <summary>The ClientCleanup concern's key: clientCleanup (<see cref="PolicyKey"/>), read by Loading/PolicyLoader.cs.</summary>
public static class ClientCleanupKeys
{
    public static readonly PolicyKey ClientCleanup = new(
        "clientCleanup",
        BoolType.Instance,
        $"Opt-in client clean-up script (default {YamlText.Bool(TenantPolicy.DefaultClientCleanup)}); it can delete all of a user's private keys.")
    {
        Order = 90,
        Reading = KeyReading.Code,
        Default = YamlText.Bool(TenantPolicy.DefaultClientCleanup),
        Comment = "true writes the client clean-up script (dry run unless -Apply)",
    };

    public static readonly ImmutableArray<PolicyKey> All = [ClientCleanup];
}
