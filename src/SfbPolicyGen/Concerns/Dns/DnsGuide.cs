using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.Dns;

/// <summary>What the DNS step of the guide says besides its files: why a teams-only tenant publishes
/// no sip record, and which edition of the article the sip target comes from.</summary>
internal static class DnsGuide
{
    public static IEnumerable<(string Name, object? Value)> Model(TenantPolicy tenant, string language) =>
    [
        ("dns_profile", tenant.Dns.Profile.YamlName()),
        ("has_dns", !tenant.Dns.Records.IsEmpty),
        ("dns_lead", Lead.For(language)(tenant.Dns.Profile)),
        ("dns_note", Note.For(language)(tenant.Dns)),
    ];

    private static readonly Localized<Func<DnsProfile, string>> Lead = new(
        profile => profile switch
        {
            DnsProfile.Troubleshooting or DnsProfile.SkypeOnline => "",
            DnsProfile.TeamsOnly => "This error comes from a Skype for Business client that finds no `sip` record for its domain. The `teams-only` profile publishes none: its users sign in to Teams, so there is no such sign-in to fix. If users still see this error in a Skype for Business client, the tenant is not Teams-only: choose the `troubleshooting` or `skype-online` profile. What this profile does publish is the `_sipfederationtls._tcp` record that federation with other organisations needs, as follows.",
        },
        profile => profile switch
        {
            DnsProfile.Troubleshooting or DnsProfile.SkypeOnline => "",
            DnsProfile.TeamsOnly => "Cette erreur vient d'un client Skype Entreprise qui ne trouve pas d'enregistrement `sip` pour son domaine. Le profil `teams-only` n'en publie aucun : ses utilisateurs se connectent à Teams, il n'y a donc pas de telle connexion à corriger. Si des utilisateurs voient encore cette erreur dans un client Skype Entreprise, le locataire n'est pas « Teams uniquement » : choisissez le profil `troubleshooting` ou `skype-online`. Ce que ce profil publie, c'est l'enregistrement `_sipfederationtls._tcp` dont a besoin la fédération avec d'autres organisations, comme suit.",
        });

    private static readonly Localized<Func<DnsPolicy, string>> Note = new(
        dns => dns.UsesSeedSipTarget
            ? $"The `sip` target `{dns.SipTarget}` is the French edition's value; the English edition of the article and Microsoft's DNS reference give `{DnsCloudTargets.For(DnsCloud.Worldwide).SipDir}`. Set `dns.sipTarget` to choose."
            : "",
        dns => dns.UsesSeedSipTarget
            ? $"La cible `{dns.SipTarget}` de `sip` est celle de l'édition française ; l'édition anglaise de l'article et la référence DNS de Microsoft donnent `{DnsCloudTargets.For(DnsCloud.Worldwide).SipDir}`. Choisissez avec `dns.sipTarget`."
            : "");
}
