namespace SfbPolicyGen.Model;

/// <summary>The limits and rules of the identifiers policies.yaml names (README, "policies.yaml
/// reference"). The loader checks them, the JSON Schema builds its patterns from the same constants,
/// and init proposes only a tenant name that passes.</summary>
public static class Identifiers
{
    /// <summary>tenant.name names the output folder out/&lt;name&gt;/.</summary>
    public const int MaxTenantNameLength = 63;

    /// <summary>admx.namespace, the ADMX target namespace.</summary>
    public const int MaxAdmxNamespaceLength = 200;

    /// <summary>admx.prefix, the ADMX target prefix.</summary>
    public const int MaxAdmxPrefixLength = 64;

    /// <summary>proxy.applications[].name, a TMG client section name (the loader's ApplicationName
    /// holds the rest of its rule).</summary>
    public const int MaxApplicationNameLength = 64;

    /// <summary>a-z, 0-9 and '-', not starting with '-': safe as a folder name on every system.</summary>
    public static bool IsTenantName(string name) =>
        name.Length is > 0 and <= MaxTenantNameLength && name[0] != '-' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>Letters, digits, '.', '_' and '-', starting with a letter; not a Microsoft namespace,
    /// since the target namespace must be unique in the central store (docs/ADMX.md, "Namespace").</summary>
    public static bool IsAdmxNamespace(string ns) =>
        ns.Length is > 0 and <= MaxAdmxNamespaceLength && char.IsAsciiLetter(ns[0]) && ns.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
        && !ns.StartsWith("Microsoft.", StringComparison.OrdinalIgnoreCase);

    /// <summary>The ADMX schema's itemName, kept to ASCII and starting with a letter.</summary>
    public static bool IsAdmxPrefix(string prefix) =>
        prefix.Length is > 0 and <= MaxAdmxPrefixLength && char.IsAsciiLetter(prefix[0]) && prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
