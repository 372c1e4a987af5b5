using System.Collections.Immutable;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Explain;

/// <summary>One error of the article's table (DOMAIN.md section 7), in both editions' words.</summary>
/// <param name="Artifacts">The kinds of artifact that apply this entry's fix, if the tool generates one.</param>
/// <param name="WhenMissing">What to add to policies.yaml when none of those artifacts is generated.</param>
public sealed record ErrorEntry(
    string Id,
    string English,
    string French,
    ImmutableArray<string> Causes,
    string Fix,
    ImmutableArray<ArtifactKind> Artifacts,
    string? WhenMissing);

/// <summary>The error messages of the seed article (its French edition, and the English edition's
/// wording), with their causes and fixes: what <c>sfbpolicygen explain</c> matches.</summary>
public static class ErrorCatalog
{
    public static readonly ImmutableArray<ErrorEntry> Entries =
    [
        new("certificate-trust",
            "Cannot verify that the server is trusted for your sign-in address. Connect anyway?",
            "Ne peut pas vérifier que le serveur est fiable pour votre adresse de connexion. Quand même vous connecter ?",
            ["The sign-in server's name does not match the user's SIP domain and is not in TrustModelData (a security prompt, not a failure)."],
            "Add your domains to TrustModelData, keeping what is there and Microsoft's defaults: import the .reg file, deploy Registry.pol or run the GPO script, or run the appender on computers whose value differs.",
            [ArtifactKind.Reg, ArtifactKind.RegistryPol, ArtifactKind.GpoScript, ArtifactKind.TrustAppendScript, ArtifactKind.Admx],
            null),
        new("sign-in-address-not-found",
            "Sign-in address not found",
            "Adresse de connexion introuvable",
            ["Requests of the Microsoft Online Services Sign-in Assistant (msoidsvc.exe) do not get through the external firewall or proxy server."],
            "Let msoidsvc.exe through the proxy: on Forefront TMG, set Disable=0 and DisableEx=0 for the msoidsvc application; with another gateway, apply the same rule.",
            [ArtifactKind.TmgServerScript, ArtifactKind.TmgClientIni, ArtifactKind.GatewayRules],
            "set proxy.kind to tmg or other"),
        new("server-temporarily-unavailable",
            "The server is temporarily unavailable",
            "Le serveur est temporairement indisponible",
            [
                "The organisation has a custom domain and its DNS records are missing or wrong.",
                "ADFS single sign-on uses a self-signed SSL certificate instead of one from a third-party authority (not generated: install a third-party certificate on the ADFS server).",
            ],
            "Publish the DNS records of the zone snippets (or run the Windows DNS Server script), check them with 'sfbpolicygen verify-dns --server <the domain's DNS server>', and allow up to 72 hours to propagate.",
            [ArtifactKind.Zone, ArtifactKind.DnsServerScript],
            null),
        new("personal-certificate",
            "There was a problem acquiring a personal certificate that is required to sign in",
            "Problème d'acquisition d'un certificat personnel requis pour établir la connexion",
            [
                "The user's sign-in address changed recently: the cached sign-in data is stale (have the user sign out, click 'Delete my sign-in info' and try again).",
                "The user's security credentials are corrupted, or an RSA folder on the computer blocks authentication.",
            ],
            "Update the security credentials: delete the user's certificate issued by Communications Server, the stored Skype for Business credentials, then if needed the Microsoft\\Crypto\\RSA\\S-1-5-21-* folders (this deletes all the user's private keys).",
            [ArtifactKind.ClientCleanupScript],
            "set clientCleanup: true"),
        new("user-not-sip-enabled",
            "User is not SIP enabled",
            "L'utilisateur n'est pas activé pour SIP",
            ["Users of a former Office Communications Server or Lync Server 2010 were not removed before it was decommissioned: msRTCSIP-UserEnabled is still FALSE in Active Directory."],
            "Set msRTCSIP-UserEnabled to TRUE for the affected users, then run a directory synchronisation.",
            [ArtifactKind.ActiveDirectoryScript, ArtifactKind.Ldif],
            "add an activeDirectory section (users, or searchBase)"),
    ];
}
