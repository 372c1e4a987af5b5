using SfbPolicyGen.Output;
using static SfbPolicyGen.Concerns.GuideText;
using static SfbPolicyGen.Output.ArtifactFormat;

namespace SfbPolicyGen.Concerns.Dns;

/// <summary>The DNS files, the fix of "The server is temporarily unavailable" (docs/DNS.md): three ways
/// to the same records, each deployed where it fits.</summary>
public static class DnsKinds
{
    /// <summary>UTF-8, LF, as DNS servers expect.</summary>
    public static readonly ArtifactKind Zone = new("zone", FileEncoding.Utf8, Lf, "dns/{domain}.zone")
    {
        Shown = "the DNS zone snippets",
        Guide = new(
            StepRole.Deploy,
            new((a, _) => $"DNS records for {Domain(a)}", (a, _) => $"Enregistrements DNS de {Domain(a)}"),
            new("The domain's DNS host", "L'hébergeur DNS du domaine")),
    };

    /// <summary>One folder per domain holds its update messages, one per file (NsUpdateWriter), so that a
    /// loop over the folder sends them all: ASCII-only content (validated names), LF, as nsupdate and
    /// knsupdate read them.</summary>
    public static readonly ArtifactKind NsUpdate = new("nsupdate", FileEncoding.Utf8, Lf, "dns/nsupdate/{domain}/{message}.nsupdate")
    {
        Shown = "the RFC 2136 update messages (.nsupdate)",
        Guide = new(
            StepRole.Deploy,
            new(
                (a, tenant) => IsRetired(tenant, a)
                    ? $"RFC 2136 update message of {Domain(a)}, a retired domain: only deletes this tool's records"
                    : $"RFC 2136 update messages of {Domain(a)}, one per case: adds, replaces and removes only this tool's records",
                (a, tenant) => IsRetired(tenant, a)
                    ? $"Message de mise à jour RFC 2136 de {Domain(a)}, un domaine retiré : ne fait que supprimer les enregistrements de cet outil"
                    : $"Messages de mise à jour RFC 2136 de {Domain(a)}, un par cas : n'ajoutent, ne remplacent et ne retirent que les enregistrements de cet outil"),
            new(
                "A DNS server that takes dynamic updates: every file, `nsupdate -k KEYFILE FILE` (or `knsupdate`)",
                "Un serveur DNS qui accepte les mises à jour dynamiques : chaque fichier, `nsupdate -k FICHIERCLÉ FICHIER` (ou `knsupdate`)"),
            ByFolder: true),
    };

    /// <summary>Beside the zones; no domain name ends in ".ps1" clashes, since zones end in ".zone".</summary>
    public static readonly ArtifactKind DnsServerScript = new("dns-script", FileEncoding.Utf8WithBom, Crlf, "dns/Add-DnsServerRecords.ps1")
    {
        Shown = "the Windows DNS Server script",
        Guide = new(
            StepRole.Deploy,
            new(
                (_, _) => "The same on a Windows DNS Server: adds, replaces and removes only this tool's records, reporting conflicts",
                (_, _) => "La même chose sur un serveur DNS Windows : n'ajoute, ne remplace et ne retire que les enregistrements de cet outil, en signalant les conflits"),
            new("Run with the DnsServer module, as a DNS administrator", "Avec le module DnsServer, en administrateur DNS")),
    };
}
