using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Trust;

/// <summary>What the TrustModelData step of the guide shows besides its files: the value, the clients,
/// the GPO and where the ADMX puts the policies.</summary>
internal static class TrustGuide
{
    public static IEnumerable<(string Name, object? Value)> Model(TenantPolicy tenant, string language) =>
    [
        ("gpo_name", MarkdownText.Escape(tenant.Gpo.Name)),
        ("trust_value", tenant.TrustModelData.RegistryValue),
        ("keep_defaults", tenant.TrustModelData.KeepMicrosoftDefaults),
        ("clients", List(tenant.TrustModelData.Clients.Select(c => Record(("product", c.Product), ("key", c.PolicyKey))))),
        ("category", MarkdownText.Escape(AdmxStrings.For(language).Category(tenant.DisplayName))),
        ("admx_namespace", tenant.Admx.Namespace),
    ];
}
