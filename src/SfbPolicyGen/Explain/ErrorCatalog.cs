using System.Collections.Immutable;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Concerns.ActiveDirectory;
using SfbPolicyGen.Concerns.ClientCleanup;
using SfbPolicyGen.Concerns.Dns;
using SfbPolicyGen.Concerns.Proxy;
using SfbPolicyGen.Concerns.Trust;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Explain;

/// <summary>One row of the article's tables (docs/ARTICLE.md): an error message users see, or a
/// common cause of sign-in errors, in both editions' words.</summary>
public sealed record ErrorEntry
{
    public required string Id { get; init; }

    /// <summary>The English edition's wording.</summary>
    public required string English { get; init; }

    /// <summary>The French edition's wording (the seed article).</summary>
    public required string French { get; init; }

    /// <summary>Other wordings the article gives for the same error (it words some twice).</summary>
    public ImmutableArray<string> OtherWordings { get; init; } = [];

    /// <summary>Words an administrator searches for (an executable, a registry value, a record type):
    /// a query that holds one of them, as whole words, finds the entry.</summary>
    public ImmutableArray<string> Keywords { get; init; } = [];

    public required ImmutableArray<string> Causes { get; init; }

    public required string Fix { get; init; }

    /// <summary>The kinds of artifact that apply this entry's fix, if the tool generates one.</summary>
    public ImmutableArray<ArtifactKind> Artifacts { get; init; } = [];

    /// <summary>The live checks (<c>verify --only NAME</c>, a concern's <see cref="Concern.Check"/>) that
    /// tell whether this entry's cause is there now.</summary>
    public ImmutableArray<string> Checks { get; init; } = [];

    /// <summary>What to add to policies.yaml when none of those artifacts is generated.</summary>
    public string? WhenMissing { get; init; }

    /// <summary>Every wording of the error, English first.</summary>
    public IEnumerable<string> Wordings => [English, French, .. OtherWordings];
}

/// <summary>The seed article's two tables, the common causes of sign-in errors and the error messages
/// of the specific-error procedures (its French edition, and the English edition's wording), with their
/// causes and fixes: what <c>sfbpolicygen explain</c> matches. The error messages come first.</summary>
public static class ErrorCatalog
{
    private static readonly string SeedSipTarget = DnsCloudTargets.SeedSipTarget;
    private static readonly string LyncSipTarget = DnsCloudTargets.For(DnsCloud.Worldwide).SipDir;

    public static readonly ImmutableArray<ErrorEntry> Entries =
    [
        new()
        {
            Id = "certificate-trust",
            English = "Cannot verify that the server is trusted for your sign-in address. Connect anyway?",
            French = "Ne peut pas vérifier que le serveur est fiable pour votre adresse de connexion. Quand même vous connecter ?",
            OtherWordings =
            [
                "A certificate trust dialog box appears when the user signs in for the first time",
                "Une boîte de dialogue relative à l'approbation du certificat s'affiche lorsque l'utilisateur se connecte pour la première fois",
            ],
            Keywords = ["TrustModelData", "Always trust this server", "Toujours faire confiance à ce serveur", "2531068"],
            Causes = ["The sign-in server's name does not match the user's SIP domain and is not in TrustModelData (a security prompt, not a failure)."],
            Fix = "Add your domains to TrustModelData, keeping what is there and Microsoft's defaults: import the .reg file, deploy Registry.pol or run the GPO script, or run the appender on computers whose value differs.",
            Artifacts = [TrustKinds.Reg, TrustKinds.RegistryPol, TrustKinds.GpoScript, TrustKinds.TrustAppendScript, TrustKinds.IntuneDetectScript, TrustKinds.IntuneRemediateScript, TrustKinds.Admx],
        },
        new()
        {
            Id = "sign-in-address-not-found",
            English = "Sign-in address not found",
            French = "Adresse de connexion introuvable",
            Keywords = ["msoidsvc", "Sign-in Assistant", "Assistant de connexion", "TMG", "Forefront", "firewall", "pare-feu", "proxy", "2409256"],
            Causes = ["Requests of the Microsoft Online Services Sign-in Assistant (msoidsvc.exe) do not get through the external firewall or proxy server."],
            Fix = "Let msoidsvc.exe through the proxy: on Forefront TMG, set Disable=0 and DisableEx=0 for the msoidsvc application; with another gateway, apply the same rule.",
            Artifacts = [ProxyKinds.TmgServerScript, ProxyKinds.TmgClientIni, ProxyKinds.GatewayRules],
            WhenMissing = "set proxy.kind to tmg or other",
        },
        new()
        {
            Id = "server-temporarily-unavailable",
            English = "The server is temporarily unavailable",
            French = "Le serveur est temporairement indisponible",
            Keywords = ["CNAME", "DNS", "sipdir", "ADFS", "AD FS", "SSL", "self-signed", "auto-signé", "2566790"],
            Causes =
            [
                "The organisation has a custom domain and its DNS records are missing or wrong.",
                "ADFS single sign-on uses a self-signed SSL certificate instead of one from a third-party certification authority.",
            ],
            Fix = $"For a custom domain, add the CNAME record 'sip' with the value {SeedSipTarget} to each of its domains"
                + $" (the article's French edition; its English edition and Microsoft's DNS reference give {LyncSipTarget}: set dns.sipTarget to choose):"
                + " publish the zone snippets, send the RFC 2136 update messages (.nsupdate) or run the Windows DNS Server script, check with 'sfbpolicygen verify-dns --server <the domain's DNS server>',"
                + " and allow up to 72 hours to propagate. With ADFS single sign-on, install an SSL certificate from a third-party authority (VeriSign, Thawte...)"
                + " on the ADFS server with the AD FS management console (not generated; 'sfbpolicygen verify --only adfs' checks the certificate).",
            Artifacts = [DnsKinds.Zone, DnsKinds.NsUpdate, DnsKinds.DnsServerScript],
            Checks = ["dns", "adfs"],
        },
        new()
        {
            Id = "personal-certificate",
            English = "There was a problem acquiring a personal certificate that is required to sign in",
            French = "Problème d'acquisition d'un certificat personnel requis pour établir la connexion",
            OtherWordings = ["Un problème s'est produit lors de l'acquisition d'un certificat personnel requis pour établir la connexion"],
            Keywords = ["RSA", "S-1-5-21", "certmgr", "Credential Manager", "Gestionnaire d'informations d'identification", "Delete my sign-in info"],
            Causes =
            [
                "The user's sign-in address changed recently: the cached sign-in data is stale (have the user sign out, click 'Delete my sign-in info' and try again).",
                "The user's security credentials are corrupted, or an RSA folder on the computer blocks authentication.",
            ],
            Fix = "Update the security credentials: delete the user's certificate issued by Communications Server, the stored Skype for Business credentials, then if needed the Microsoft\\Crypto\\RSA\\S-1-5-21-* folders (this deletes all the user's private keys).",
            Artifacts = [ClientCleanupKinds.ClientCleanupScript],
            WhenMissing = "set clientCleanup: true",
        },
        new()
        {
            Id = "user-not-sip-enabled",
            English = "User is not SIP enabled",
            French = "L'utilisateur n'est pas activé pour SIP",
            Keywords = ["msRTCSIP-UserEnabled", "DirSync", "Office Communications Server", "Lync Server 2010"],
            Causes = ["Users of a former Office Communications Server or Lync Server 2010 were not removed before it was decommissioned: msRTCSIP-UserEnabled is still FALSE in Active Directory."],
            Fix = "Set msRTCSIP-UserEnabled to TRUE for the affected users, then run a directory synchronisation.",
            Artifacts = [ActiveDirectoryKinds.ActiveDirectoryScript, ActiveDirectoryKinds.Ldif],
            WhenMissing = "add an activeDirectory section (users, or searchBase)",
        },

        // The article's table of common causes: no message of their own (but the client version's), and
        // nothing sfbpolicygen generates for them (but the DNS records).
        new()
        {
            Id = "wrong-client-version",
            English = "The authentication service may be incompatible with this version of the program",
            French = "Le service d'authentification n'est pas compatible avec cette version du programme",
            OtherWordings = ["Wrong version of Skype for Business Online installed", "Version incorrecte de Skype Entreprise Online installé"],
            Keywords = ["version", "reinstall", "réinstaller"],
            Causes = ["The wrong version of Skype for Business Online is installed on the user's computer."],
            Fix = "Have the user uninstall Skype for Business Online, then install it again from the Office 365 portal.",
        },
        new()
        {
            Id = "sign-in-address-format",
            English = "Sign-in address, user name, or password incorrectly entered",
            French = "Adresse de connexion, nom d'utilisateur ou mot de passe incorrectement entrés",
            Keywords = ["UPN", "user name", "nom d'utilisateur", "bobk@contoso.com"],
            Causes = ["The user typed the sign-in address, user name or password wrong; the sign-in address may differ from the name the user signs in to the organisation's network with."],
            Fix = "Check the user's user name and password, and that the user name is written as bobk@contoso.com; then have the user sign in again.",
        },
        new()
        {
            Id = "forgotten-password",
            English = "Forgotten password",
            French = "Mot de passe oublié",
            Causes = ["The user forgot the password."],
            Fix = "Reset the user's password and give the user the new temporary password.",
        },
        new()
        {
            Id = "no-licence",
            English = "No license to use Skype for Business Online",
            French = "Pas de licence pour utiliser Skype Entreprise Online",
            Keywords = ["licence", "license", "licensed", "unlicensed"],
            Causes = ["The user is not registered as a Skype for Business Online user."],
            Fix = "Check that the user is registered as a Skype for Business Online user; if not, register the user, then have the user sign in again.",
        },
        new()
        {
            Id = "dns-propagation",
            English = "You set up a custom domain name, and the changes may not have finished propagating through the system",
            French = "Vous avez défini un nom de domaine personnalisé et les modifications n'ont peut-être pas fini de se propager dans le système",
            Keywords = ["DNS", "propagation", "propagate", "72 hours", "72 heures"],
            Causes = ["The DNS records of a custom domain changed recently and have not propagated everywhere yet: that can take up to 72 hours."],
            Fix = "First check that the DNS records were changed ('sfbpolicygen verify-dns --server <the domain's DNS server>' says what that server publishes now); if they were, have the user sign in later.",
            Artifacts = [DnsKinds.Zone, DnsKinds.NsUpdate, DnsKinds.DnsServerScript],
            Checks = ["dns"],
        },
        new()
        {
            Id = "clock-out-of-sync",
            English = "System clock out of sync with server clock",
            French = "L'horloge système n'est pas synchronisée avec l'horloge du serveur",
            Keywords = ["clock", "horloge", "NTP", "w32tm", "time source", "816042"],
            Causes = ["The system clock is not synchronised with the server's clock."],
            Fix = "Check that the network's domain controller synchronises with a reliable external time source (Microsoft Knowledge Base article 816042, how to configure an authoritative time server in Windows Server).",
            Artifacts = [Concerns.Time.TimeKinds.PdcTimeSourceScript],
            Checks = ["time"],
            WhenMissing = "add a time section (time: {} takes time.windows.com,0x8)",
        },
    ];
}
