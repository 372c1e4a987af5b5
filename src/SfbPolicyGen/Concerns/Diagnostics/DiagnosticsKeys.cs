using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.Diagnostics;

/// <summary>The Diagnostics concern's key: diagnostics (<see cref="PolicyKey"/>), read by its type alone
/// into <see cref="TenantPolicy.Settings"/> (<see cref="KeyReading.Generic"/>).</summary>
public static class DiagnosticsKeys
{
    /// <summary>Opt-in, as the clean-up script is: a tenant that does not ask gets nothing new.</summary>
    public const bool DefaultDiagnostics = false;

    public static readonly PolicyKey Diagnostics = new(
        "diagnostics",
        BoolType.Instance,
        $"Opt-in diagnostics collection script for a failing client computer (default {YamlText.Bool(DefaultDiagnostics)}); it only reads, and sends nothing.")
    {
        Order = 220,
        Reading = KeyReading.Generic,
        Default = YamlText.Bool(DefaultDiagnostics),
        Comment = "true writes the client diagnostics collection script (reads only)",
    };

    public static readonly ImmutableArray<PolicyKey> All = [Diagnostics];

    /// <summary>diagnostics as the tenant's policy file sets it, or its default.</summary>
    public static bool IsOn(TenantPolicy tenant) => tenant.Settings.Bool(Diagnostics.Name) ?? DefaultDiagnostics;
}
