using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Writers;

/// <summary>The deployment guide of a tenant, one per ADMX language (README.md in English): what each
/// generated file is, where it goes, in what order. Free text (the display name, the policy file's
/// name) is Markdown-escaped; everything else is a validated name or a fixed text.
/// Determinism: files in deployment step order, then ordinal path.</summary>
internal static class GuideWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        // The same files, in the same order, in every language's guide: sorted once. A domain's RFC 2136
        // messages are one row, their folder: they are sent together.
        var files = context.Written
            .Select(a => (Artifact: a, Step: Step(a.Kind)))
            .Where(f => f.Step is not null)
            .DistinctBy(f => f.Artifact.Kind == ArtifactKind.NsUpdate ? ArtifactPaths.NsUpdateFolder(f.Artifact.Domain!) : f.Artifact.Path)
            .OrderBy(f => f.Step)
            .ThenBy(f => f.Artifact.Path, StringComparer.Ordinal)
            .ToArray();
        foreach (var language in tenant.Admx.Languages)
        {
            var texts = GuideTexts.For(language);
            var path = ArtifactPaths.Guide(tenant.Name, language);
            var model = Record(
                ("tenant", tenant.Name),
                ("display_name", MarkdownText.Escape(tenant.DisplayName)),
                ("gpo_name", MarkdownText.Escape(tenant.Gpo.Name)),
                ("source", MarkdownText.Escape(tenant.SourceFileName)),
                ("domains", string.Join(", ", tenant.Domains.Select(MarkdownText.Code))),
                ("trust_value", tenant.TrustModelData.RegistryValue),
                ("keep_defaults", tenant.TrustModelData.KeepMicrosoftDefaults),
                ("dns_profile", tenant.Dns.Profile.YamlName()),
                ("proxy_kind", tenant.Proxy.Kind.YamlName()),
                ("files", Projected(files.Length, i => FileRow(tenant.Name, files[i].Artifact, files[i].Step, texts))),
                ("clients", List(tenant.TrustModelData.Clients.Select(c => Record(("product", c.Product), ("key", c.PolicyKey))))),
                ("category", MarkdownText.Escape(AdmxStrings.For(language).Category(tenant.DisplayName))),
                ("admx_namespace", tenant.Admx.Namespace),
                ("has_dns", !tenant.Dns.Records.IsEmpty),
                ("dns_note", texts.DnsNote(tenant.Dns)),
                ("proxy_text", texts.Proxy(tenant.Proxy.Kind)),
                ("has_ad", tenant.ActiveDirectory is not null),
                ("has_ldif", tenant.ActiveDirectory?.DistinguishedNames.Any() == true),
                ("has_cleanup", tenant.ClientCleanup));
            var template = language == Languages.French ? TemplateSet.GuideFrench : TemplateSet.GuideEnglish;
            yield return new Artifact(tenant.Name, ArtifactKind.Guide, path, context.Templates.Render(template, model), Language: language);
        }
    }

    /// <summary>One row of the table of files: made as the template reads it (a tenant of 10,000 domains
    /// has 20,000 rows).</summary>
    private static Scriban.Runtime.ScriptObject FileRow(string tenant, Artifact file, int? step, GuideTexts texts)
    {
        var path = file.Kind == ArtifactKind.NsUpdate ? ArtifactPaths.NsUpdateFolder(file.Domain!) : ArtifactPaths.RelativeToTenant(tenant, file.Path);
        return Record(
            ("step", step),
            ("name", MarkdownText.Escape(path)),
            ("link", path),
            ("what", texts.What(file)),
            ("where", texts.Where(file.Kind)));
    }

    /// <summary>Deployment order: the value first (it prevents the dialog before first sign-in), then
    /// the templates that show it, then DNS, then the proxy, then Active Directory, then the clean-up
    /// of one user's computer. Null for what is not deployed: .gitattributes is for the repository.</summary>
    private static int? Step(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Reg or ArtifactKind.RegistryPol or ArtifactKind.LgpoText or ArtifactKind.GpoScript or ArtifactKind.TrustAppendScript
            or ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => 1,
        ArtifactKind.Admx or ArtifactKind.Adml => 2,
        ArtifactKind.Zone or ArtifactKind.DnsServerScript or ArtifactKind.NsUpdate => 3,
        ArtifactKind.TmgClientIni or ArtifactKind.TmgServerScript or ArtifactKind.GatewayRules => 4,
        ArtifactKind.Ldif or ArtifactKind.ActiveDirectoryScript => 5,
        ArtifactKind.ClientCleanupScript => 6,
        ArtifactKind.Guide => 7,
        ArtifactKind.GitAttributes => null,
    };

    private sealed record GuideTexts(
        Func<Artifact, string> What,
        Func<ArtifactKind, string> Where,
        Func<DnsPolicy, string> DnsNote,
        Func<ProxyKind, string> Proxy)
    {
        public static GuideTexts For(string language) => language == Languages.French ? French : English;

        private static readonly GuideTexts English = new(
            a => a.Kind switch
            {
                ArtifactKind.Reg => "TrustModelData for each selected client",
                ArtifactKind.RegistryPol => "The same values as a machine Registry.pol (PReg)",
                ArtifactKind.GpoScript => "Creates or updates a GPO that sets the same values",
                ArtifactKind.TrustAppendScript => "Appends the missing domains to each computer's own value",
                ArtifactKind.IntuneDetectScript => $"Intune Remediations, detection: is the {a.Client?.Product} value as it should be?",
                ArtifactKind.IntuneRemediateScript => $"Intune Remediations, remediation: makes the {a.Client?.Product} value so (the appender's merge)",
                ArtifactKind.DnsServerScript => "The same on a Windows DNS Server: adds, replaces and removes only this tool's records, reporting conflicts",
                ArtifactKind.Ldif => "msRTCSIP-UserEnabled TRUE for the users given by distinguished name",
                ArtifactKind.ActiveDirectoryScript => "SIP-enables the listed users and those the search selects",
                ArtifactKind.ClientCleanupScript => "Clears a user's sign-in credentials (dry run unless `-Apply`)",
                ArtifactKind.Admx => "Administrative template (policy definitions)",
                ArtifactKind.Adml => $"Template texts, {a.Language}",
                ArtifactKind.Zone => $"DNS records for `{a.Domain}`",
                ArtifactKind.TmgServerScript => "Sets the TMG client rules through the FPC COM API",
                ArtifactKind.TmgClientIni => "The TMG client sections clients receive",
                ArtifactKind.GatewayRules => "Rules for a web gateway other than TMG",
                ArtifactKind.LgpoText => "Registry.pol as text: read it in a diff, or apply it with `LGPO.exe /t`",
                ArtifactKind.Guide => $"This guide, {a.Language}",
                ArtifactKind.GitAttributes => "Git settings that show the .reg file as text in diffs",
                ArtifactKind.NsUpdate => $"RFC 2136 update messages of `{a.Domain}`, one per case: adds, replaces and removes only this tool's records",
            },
            kind => kind switch
            {
                ArtifactKind.Reg => "Each computer (`reg import`) or a GPO registry preference",
                ArtifactKind.RegistryPol => "A GPO's `Machine` folder, or each computer with `LGPO.exe /m`",
                ArtifactKind.GpoScript => "Run once where the GroupPolicy module is (RSAT)",
                ArtifactKind.TrustAppendScript => "Run on each computer as an administrator",
                ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => "One Intune script package per folder: as SYSTEM, 64-bit",
                ArtifactKind.DnsServerScript => "Run with the DnsServer module, as a DNS administrator",
                ArtifactKind.Ldif => "`ldifde -i -f`, on a domain controller or with RSAT",
                ArtifactKind.ActiveDirectoryScript => "Run with the ActiveDirectory module (RSAT)",
                ArtifactKind.ClientCleanupScript => "The affected user's computer: as that user, and as an administrator with `-UserName` for the key folders",
                ArtifactKind.Admx or ArtifactKind.Adml => "Central store: `\\\\<domain>\\SYSVOL\\<domain>\\Policies\\PolicyDefinitions`",
                ArtifactKind.Zone => "The domain's DNS host",
                ArtifactKind.TmgServerScript => "Run on the Forefront TMG server",
                ArtifactKind.TmgClientIni => "Reference: `%ProgramData%\\Microsoft\\Firewall Client 2004\\Application.ini`",
                ArtifactKind.GatewayRules => "Your web gateway's administrator",
                ArtifactKind.LgpoText => "A computer outside the domain: `LGPO.exe /t Registry.pol.txt`",
                ArtifactKind.Guide => "Whoever deploys the files above",
                ArtifactKind.GitAttributes => "The repository that holds this folder",
                ArtifactKind.NsUpdate => "A DNS server that takes dynamic updates: every file, `nsupdate -k KEYFILE FILE` (or `knsupdate`)",
            },
            dns => dns.UsesSeedSipTarget
                ? $"The `sip` target `{dns.SipTarget}` is the French edition's value; the English edition of the article and Microsoft's DNS reference give `{DnsCloudTargets.For(DnsCloud.Worldwide).SipDir}`. Set `dns.sipTarget` to choose."
                : "",
            kind => kind switch
            {
                ProxyKind.Tmg => "Run `tmg\\Set-TmgClientRules.ps1` on the Forefront TMG server as a TMG administrator (try `-WhatIf` first). It sets `Disable` and `DisableEx` for each application, so that `msoidsvc.exe`, the Microsoft Online Services Sign-in Assistant, goes through TMG. `tmg/Application.ini` shows what clients then receive (at restart, or within 6 hours).",
                ProxyKind.Other => "Apply the rules of `gateway/gateway-rules.md` on your web gateway.",
                ProxyKind.None => "No proxy rules: `proxy.kind` is `none`. If users see this error behind a proxy or firewall, set `proxy.kind` to `tmg` or `other`.",
            });

        private static readonly GuideTexts French = new(
            a => a.Kind switch
            {
                ArtifactKind.Reg => "TrustModelData pour chaque client choisi",
                ArtifactKind.RegistryPol => "Les mêmes valeurs en Registry.pol d'ordinateur (PReg)",
                ArtifactKind.GpoScript => "Crée ou met à jour une GPO qui définit les mêmes valeurs",
                ArtifactKind.TrustAppendScript => "Ajoute les domaines manquants à la valeur propre de chaque ordinateur",
                ArtifactKind.IntuneDetectScript => $"Corrections Intune, détection : la valeur de {a.Client?.Product} est-elle comme il faut ?",
                ArtifactKind.IntuneRemediateScript => $"Corrections Intune, correction : rend la valeur de {a.Client?.Product} comme il faut (la fusion du script d'ajout)",
                ArtifactKind.DnsServerScript => "La même chose sur un serveur DNS Windows : n'ajoute, ne remplace et ne retire que les enregistrements de cet outil, en signalant les conflits",
                ArtifactKind.Ldif => "msRTCSIP-UserEnabled à TRUE pour les utilisateurs donnés par nom unique (DN)",
                ArtifactKind.ActiveDirectoryScript => "Active SIP pour les utilisateurs listés et ceux que la recherche sélectionne",
                ArtifactKind.ClientCleanupScript => "Efface les informations d'identification d'un utilisateur (simulation sans `-Apply`)",
                ArtifactKind.Admx => "Modèle d'administration (définitions de stratégie)",
                ArtifactKind.Adml => $"Textes du modèle, {a.Language}",
                ArtifactKind.Zone => $"Enregistrements DNS de `{a.Domain}`",
                ArtifactKind.TmgServerScript => "Définit les règles du client TMG par l'API COM FPC",
                ArtifactKind.TmgClientIni => "Les sections que reçoivent les clients TMG",
                ArtifactKind.GatewayRules => "Règles pour une passerelle web autre que TMG",
                ArtifactKind.LgpoText => "Registry.pol en texte : à lire dans un diff, ou à appliquer avec `LGPO.exe /t`",
                ArtifactKind.Guide => $"Ce guide, {a.Language}",
                ArtifactKind.GitAttributes => "Réglages git qui montrent le fichier .reg en texte dans les diffs",
                ArtifactKind.NsUpdate => $"Messages de mise à jour RFC 2136 de `{a.Domain}`, un par cas : n'ajoutent, ne remplacent et ne retirent que les enregistrements de cet outil",
            },
            kind => kind switch
            {
                ArtifactKind.Reg => "Chaque ordinateur (`reg import`) ou une préférence de Registre par GPO",
                ArtifactKind.RegistryPol => "Le dossier `Machine` d'une GPO, ou chaque ordinateur avec `LGPO.exe /m`",
                ArtifactKind.GpoScript => "Une fois, là où se trouve le module GroupPolicy (RSAT)",
                ArtifactKind.TrustAppendScript => "Sur chaque ordinateur, en administrateur",
                ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => "Un package de scripts Intune par dossier : en SYSTEM, en 64 bits",
                ArtifactKind.DnsServerScript => "Avec le module DnsServer, en administrateur DNS",
                ArtifactKind.Ldif => "`ldifde -i -f`, sur un contrôleur de domaine ou avec RSAT",
                ArtifactKind.ActiveDirectoryScript => "Avec le module ActiveDirectory (RSAT)",
                ArtifactKind.ClientCleanupScript => "L'ordinateur de l'utilisateur concerné : sous son compte, et en administrateur avec `-UserName` pour les dossiers de clés",
                ArtifactKind.Admx or ArtifactKind.Adml => "Magasin central : `\\\\<domaine>\\SYSVOL\\<domaine>\\Policies\\PolicyDefinitions`",
                ArtifactKind.Zone => "L'hébergeur DNS du domaine",
                ArtifactKind.TmgServerScript => "À exécuter sur le serveur Forefront TMG",
                ArtifactKind.TmgClientIni => "Référence : `%ProgramData%\\Microsoft\\Firewall Client 2004\\Application.ini`",
                ArtifactKind.GatewayRules => "L'administrateur de votre passerelle web",
                ArtifactKind.LgpoText => "Un ordinateur hors domaine : `LGPO.exe /t Registry.pol.txt`",
                ArtifactKind.Guide => "Qui déploie les fichiers ci-dessus",
                ArtifactKind.GitAttributes => "Le dépôt qui contient ce dossier",
                ArtifactKind.NsUpdate => "Un serveur DNS qui accepte les mises à jour dynamiques : chaque fichier, `nsupdate -k FICHIERCLÉ FICHIER` (ou `knsupdate`)",
            },
            dns => dns.UsesSeedSipTarget
                ? $"La cible `{dns.SipTarget}` de `sip` est celle de l'édition française ; l'édition anglaise de l'article et la référence DNS de Microsoft donnent `{DnsCloudTargets.For(DnsCloud.Worldwide).SipDir}`. Choisissez avec `dns.sipTarget`."
                : "",
            kind => kind switch
            {
                ProxyKind.Tmg => "Exécutez `tmg\\Set-TmgClientRules.ps1` sur le serveur Forefront TMG en administrateur TMG (essayez d'abord `-WhatIf`). Il définit `Disable` et `DisableEx` pour chaque application, afin que `msoidsvc.exe`, l'Assistant de connexion Microsoft Online Services, passe par TMG. `tmg/Application.ini` montre ce que reçoivent alors les clients (au redémarrage, ou dans les 6 heures).",
                ProxyKind.Other => "Appliquez les règles de `gateway/gateway-rules.md` sur votre passerelle web.",
                ProxyKind.None => "Aucune règle de proxy : `proxy.kind` vaut `none`. Si cette erreur apparaît derrière un proxy ou un pare-feu, mettez `proxy.kind` à `tmg` ou `other`.",
            });
    }
}
