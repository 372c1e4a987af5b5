namespace SfbPolicyGen.Loading;

/// <summary>domains, and every list of domain names (trustModelData.existing and add): each name
/// normalised (README, "Names"); two entries of one list that normalise alike are an error.</summary>
public static partial class PolicyLoader
{
    private static ListField<string> ReadDomains(SectionReader root)
    {
        root.Require("'domains' is required: list the tenant's SIP domains (domains: [contoso.com])", "domains");
        return Names(root, "domains", ifEmpty: "list at least one domain");
    }

    private static ListField<string> Names(SectionReader section, string key, string? ifEmpty = null) =>
        section.UniqueList(
            key,
            entry => entry.Name(),
            keyOf: name => name,
            StringComparer.Ordinal,
            listedTwice: (entry, name, first) => $"'{entry.Shown}' is listed twice in '{entry.Place}' (as '{name}', first at line {first.Line})",
            ifEmpty);
}
