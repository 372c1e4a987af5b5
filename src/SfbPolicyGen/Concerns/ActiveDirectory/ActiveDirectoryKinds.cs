using SfbPolicyGen.Output;
using static SfbPolicyGen.Output.ArtifactFormat;

namespace SfbPolicyGen.Concerns.ActiveDirectory;

/// <summary>The files that SIP-enable users, the fix of "User is not SIP enabled".</summary>
public static class ActiveDirectoryKinds
{
    /// <summary>UTF-8 without BOM (non-ASCII values are base64, RFC 2849), CRLF as ldifde writes it.</summary>
    public static readonly ArtifactKind Ldif = new("ldif", FileEncoding.Utf8, Crlf, "ad/Enable-SipUsers.ldif")
    {
        Shown = "the LDIF",
        Guide = new(
            StepRole.Deploy,
            new(
                (_, _) => "msRTCSIP-UserEnabled TRUE for the users given by distinguished name",
                (_, _) => "msRTCSIP-UserEnabled à TRUE pour les utilisateurs donnés par nom unique (DN)"),
            new("`ldifde -i -f`, on a domain controller or with RSAT", "`ldifde -i -f`, sur un contrôleur de domaine ou avec RSAT")),
    };

    public static readonly ArtifactKind ActiveDirectoryScript = new("ad-script", FileEncoding.Utf8WithBom, Crlf, "ad/Enable-SipUsers.ps1")
    {
        Shown = "the Active Directory script",
        Guide = new(
            StepRole.Deploy,
            new(
                (_, tenant) => tenant.ActiveDirectory?.SearchBase is null ? "SIP-enables the listed users" : "SIP-enables the listed users and those the search selects",
                (_, tenant) => tenant.ActiveDirectory?.SearchBase is null ? "Active SIP pour les utilisateurs listés" : "Active SIP pour les utilisateurs listés et ceux que la recherche sélectionne"),
            new(
                "Run with the ActiveDirectory module (RSAT), by someone who may write the attribute",
                "Avec le module ActiveDirectory (RSAT), par qui peut écrire l'attribut")),
    };
}
