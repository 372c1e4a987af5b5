using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Concerns;

/// <summary>What the guide's texts (<see cref="GuideRow"/>) say of a file, for the concerns that declare them.</summary>
internal static class GuideText
{
    /// <summary>The file is for a retired client or domain of the tenant.</summary>
    public static bool IsRetired(TenantPolicy tenant, Artifact file) =>
        (file.Client is { } client && tenant.Retired.Clients.Contains(client)) || (file.Domain is { } domain && tenant.Retired.Domains.Contains(domain));

    /// <summary>A domain as people write it, with its punycode beside when it is an IDN (the files hold the punycode).</summary>
    public static string Domain(string name) =>
        DomainName.ToUnicode(name) is var unicode && unicode != name ? $"{MarkdownText.Code(unicode)} ({MarkdownText.Code(name)})" : MarkdownText.Code(name);

    /// <summary>The file's domain, as <see cref="Domain(string)"/> shows it.</summary>
    public static string Domain(Artifact file) => Domain(file.Domain!);
}
