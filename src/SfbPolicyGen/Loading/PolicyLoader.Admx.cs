using SfbPolicyGen.Concerns.Trust;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>admx: the target namespace and prefix of the tenant's ADMX, and its ADML languages.</summary>
public static partial class PolicyLoader
{
    private static AdmxSection ReadAdmx(SectionReader root)
    {
        var admx = root.Section(TrustKeys.Admx);
        var languages = admx.UniqueList(
            "languages",
            entry => entry.Choice(Languages.Names),
            keyOf: language => language,
            StringComparer.Ordinal,
            listedTwice: (entry, language, _) => $"language '{language}' is listed twice in '{entry.Place}'",
            ifEmpty: $"list at least one of {string.Join(", ", Languages.Names.Names)}");
        return new AdmxSection(
            AdmxIdentifier(admx["namespace"], Identifiers.IsAdmxNamespace,
                $"use letters, digits, '.', '_' and '-', starting with a letter, at most {Identifiers.MaxAdmxNamespaceLength} characters, and not a Microsoft namespace"),
            AdmxIdentifier(admx["prefix"], Identifiers.IsAdmxPrefix,
                $"use 1-{Identifiers.MaxAdmxPrefixLength} of A-Z, a-z, 0-9 and '_', starting with a letter (the ADMX schema's itemName)"),
            languages);
    }

    /// <summary>SFB026: taken as written, not trimmed: an identifier is not free text.</summary>
    private static Field<string> AdmxIdentifier(ValueReader value, Func<string, bool> isValid, string rule) => value.Scalar().Then(identifier => isValid(identifier)
        ? Field.Valid(identifier, value.At)
        : value.Refuse<string>(DiagnosticCodes.InvalidAdmxIdentifier, $"'{value.Path}' is '{value.Shown}': {rule}"));
}

internal sealed record AdmxSection(Field<string> Namespace, Field<string> Prefix, ListField<string> Languages)
{
    public AdmxPolicy ToPolicy(string tenant) => new(
        Namespace.Or($"SfbPolicyGen.Tenants.{tenant}"),
        Prefix.Or($"sfb_{tenant.Replace('-', '_')}"),
        [.. (Languages.IsWritten ? Languages.Values : Model.Languages.Supported).Order(StringComparer.Ordinal)],
        $"SfbPolicyGen-{tenant}");
}
