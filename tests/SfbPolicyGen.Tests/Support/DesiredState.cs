using SfbPolicyGen.Model;

namespace SfbPolicyGen.Tests.Support;

/// <summary>What the deploy scripts must leave, derived here from a tenant's policy as policies.yaml
/// declares it (its lists, FormatFacts' keys and Microsoft's defaults) and never from the writers under
/// test: the expected side of the tests that run the scripts (<see cref="WindowsStandIns"/>).</summary>
public static class DesiredState
{
    /// <summary>The README's merge: existing, then Microsoft's defaults if kept, then domains, then add;
    /// each name once, first occurrence wins.</summary>
    public static string TrustValue(TenantPolicy tenant) => string.Join(',', tenant.TrustModelData.Existing
        .Concat(tenant.TrustModelData.KeepMicrosoftDefaults ? FormatFacts.MicrosoftDefaults : [])
        .Concat(tenant.Domains)
        .Concat(tenant.TrustModelData.Add)
        .Distinct(StringComparer.Ordinal));

    public static IReadOnlyList<string> ClientIds(TenantPolicy tenant) => [.. tenant.TrustModelData.Clients.Select(c => c.Id)];

    /// <summary>A client's key as the registry provider names it.</summary>
    public static string ProviderKey(string clientId) => @"HKLM:\" + FormatFacts.PolicyKey(clientId);

    /// <summary>A client's key as the GroupPolicy cmdlets take it.</summary>
    public static string GpoKey(string clientId) => @"HKLM\" + FormatFacts.PolicyKey(clientId);

    /// <summary>Every record of the profile under every domain, as a zone dump prints it.</summary>
    public static IEnumerable<string> RecordLines(TenantPolicy tenant) => tenant.Domains.SelectMany(d => tenant.Dns.Records.Select(r => FormatFacts.RecordLine(r, d)));
}
