using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Writers;

/// <summary>The deployment guide of a tenant, one per ADMX language (README.md in English): what each
/// generated file is, where it goes, in what order. Free text (the display name, the policy file's
/// path) is Markdown-escaped; everything else is a validated name or a fixed text.
/// Determinism: rows in <see cref="GuideStep"/> order, then the ways to set the value before the optional
/// templates, then ordinal path. A domain's RFC 2136 messages are one row (their folder: they are sent
/// together), and so is a client's Intune pair (one script package). The commands name the policy file
/// as <see cref="TenantPolicy.SourcePath"/> gives it, never an absolute path.</summary>
internal static class GuideWriter
{
    /// <summary>The guide's steps in deployment order, the one numbering of the table of files and of
    /// the headings (the template reads the numbers from here): the value first (it prevents the dialog
    /// before first sign-in), then DNS, the proxy, Active Directory, the clean-up of one user's computer.</summary>
    private enum GuideStep
    {
        TrustModelData = 1,
        Dns,
        Proxy,
        ActiveDirectory,
        Client,
    }

    /// <summary>How a file takes part in its step: deployed, one of the ways to set the same value (one
    /// is enough), or optional.</summary>
    private enum StepRole
    {
        Deploy,
        PickOne,
        Optional,
    }

    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        // The same rows, in the same order, in every language's guide: sorted once.
        var files = context.Written
            .Select(a => (Artifact: a, Step: Step(a.Kind)))
            .Where(f => f.Step is not null)
            .Select(f => (f.Artifact, Step: f.Step!.Value, Row: RowPath(tenant.Name, f.Artifact)))
            .DistinctBy(f => f.Row)
            .OrderBy(f => f.Step.Step)
            .ThenBy(f => f.Step.Role)
            .ThenBy(f => f.Row, StringComparer.Ordinal)
            .ToArray();
        var source = tenant.SourcePath;
        var argument = ShellText.Word(source);
        var steps = Record(
            ("trust", (int)GuideStep.TrustModelData),
            ("dns", (int)GuideStep.Dns),
            ("proxy", (int)GuideStep.Proxy),
            ("ad", (int)GuideStep.ActiveDirectory),
            ("client", (int)GuideStep.Client));
        foreach (var language in tenant.Admx.Languages)
        {
            var texts = GuideTexts.For(language);
            var path = ArtifactPaths.Guide(tenant.Name, language);
            var model = Record(
                ("tenant", tenant.Name),
                ("display_name", MarkdownText.Escape(tenant.DisplayName)),
                ("gpo_name", MarkdownText.Escape(tenant.Gpo.Name)),
                ("source", MarkdownText.Code(source)),
                ("generate_command", MarkdownText.Code($"sfbpolicygen generate {argument}")),
                ("verify_command", MarkdownText.Code($"sfbpolicygen verify-dns {argument} --server {texts.ServerPlaceholder}")),
                ("steps", steps),
                ("domains", string.Join(", ", tenant.Domains.Select(Domain))),
                ("retired_domains", string.Join(", ", tenant.Retired.Domains.Select(Domain))),
                ("retired_clients", string.Join(", ", tenant.Retired.Clients.Select(c => MarkdownText.Code(c.Id)))),
                ("trust_value", tenant.TrustModelData.RegistryValue),
                ("keep_defaults", tenant.TrustModelData.KeepMicrosoftDefaults),
                ("dns_profile", tenant.Dns.Profile.YamlName()),
                ("proxy_kind", tenant.Proxy.Kind.YamlName()),
                ("files", Projected(files.Length, i => FileRow(tenant, files[i].Artifact, files[i].Row, files[i].Step, texts))),
                ("clients", List(tenant.TrustModelData.Clients.Select(c => Record(("product", c.Product), ("key", c.PolicyKey))))),
                ("category", MarkdownText.Escape(AdmxStrings.For(language).Category(tenant.DisplayName))),
                ("admx_namespace", tenant.Admx.Namespace),
                ("has_dns", !tenant.Dns.Records.IsEmpty),
                ("dns_lead", texts.DnsLead(tenant.Dns.Profile)),
                ("dns_note", texts.DnsNote(tenant.Dns)),
                ("proxy_text", texts.Proxy(tenant.Proxy.Kind)),
                ("has_ad", tenant.ActiveDirectory is not null),
                ("has_search", tenant.ActiveDirectory?.SearchBase is not null),
                ("has_ldif", tenant.ActiveDirectory?.DistinguishedNames.Any() == true),
                ("has_cleanup", tenant.ClientCleanup));
            var template = language == Languages.French ? TemplateSet.GuideFrench : TemplateSet.GuideEnglish;
            yield return new Artifact(tenant.Name, ArtifactKind.Guide, path, context.Templates.Render(template, model), Language: language);
        }
    }

    /// <summary>A domain as people write it, with its punycode beside when it is an IDN (the files hold the punycode).</summary>
    private static string Domain(string name) =>
        DomainName.ToUnicode(name) is var unicode && unicode != name ? $"{MarkdownText.Code(unicode)} ({MarkdownText.Code(name)})" : MarkdownText.Code(name);

    /// <summary>The path a row shows, relative to the tenant: a domain's RFC 2136 folder, a client's Intune folder, or the file.</summary>
    private static string RowPath(string tenant, Artifact file) => file.Kind switch
    {
        ArtifactKind.NsUpdate => ArtifactPaths.NsUpdateFolder(file.Domain!),
        ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => ArtifactPaths.IntuneFolder(file.Client!.Id),
        _ => ArtifactPaths.RelativeToTenant(tenant, file.Path),
    };

    /// <summary>One row of the table of files: made as the template reads it (a tenant of 10,000 domains
    /// has 10,000 rows).</summary>
    private static Scriban.Runtime.ScriptObject FileRow(TenantPolicy tenant, Artifact file, string path, (GuideStep Step, StepRole Role) step, GuideTexts texts) => Record(
        ("step", texts.StepCell((int)step.Step, step.Role)),
        ("name", MarkdownText.Escape(path)),
        ("link", path),
        ("what", texts.What(file, tenant)),
        ("where", texts.Where(file.Kind)));

    /// <summary>Null for what is not deployed: .gitattributes is for the repository, the guide is this file.</summary>
    private static (GuideStep Step, StepRole Role)? Step(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Reg or ArtifactKind.RegistryPol or ArtifactKind.LgpoText or ArtifactKind.GpoScript or ArtifactKind.TrustAppendScript
            or ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => (GuideStep.TrustModelData, StepRole.PickOne),
        ArtifactKind.Admx or ArtifactKind.Adml => (GuideStep.TrustModelData, StepRole.Optional),
        ArtifactKind.Zone or ArtifactKind.DnsServerScript or ArtifactKind.NsUpdate => (GuideStep.Dns, StepRole.Deploy),
        ArtifactKind.TmgClientIni or ArtifactKind.TmgServerScript or ArtifactKind.GatewayRules => (GuideStep.Proxy, StepRole.Deploy),
        ArtifactKind.Ldif or ArtifactKind.ActiveDirectoryScript => (GuideStep.ActiveDirectory, StepRole.Deploy),
        ArtifactKind.ClientCleanupScript => (GuideStep.Client, StepRole.Deploy),
        ArtifactKind.Guide or ArtifactKind.GitAttributes => null,
    };

    /// <summary>The texts' arm for the kinds <see cref="Step"/> gives no row: never asked for.</summary>
    private static string NotARow(ArtifactKind kind) => throw new System.Diagnostics.UnreachableException($"{kind} has no row in the guide (Step gives it none)");

    private sealed record GuideTexts(
        Func<Artifact, TenantPolicy, string> What,
        Func<ArtifactKind, string> Where,
        Func<int, StepRole, string> StepCell,
        string ServerPlaceholder,
        Func<DnsProfile, string> DnsLead,
        Func<DnsPolicy, string> DnsNote,
        Func<ProxyKind, string> Proxy)
    {
        public static GuideTexts For(string language) => language == Languages.French ? French : English;

        private static bool IsRetired(TenantPolicy tenant, Artifact a) =>
            (a.Client is { } client && tenant.Retired.Clients.Contains(client)) || (a.Domain is { } domain && tenant.Retired.Domains.Contains(domain));

        private static string Domain(Artifact a) => GuideWriter.Domain(a.Domain!);

        private static readonly GuideTexts English = new(
            (a, tenant) => a.Kind switch
            {
                ArtifactKind.Reg => "TrustModelData for each selected client as a registry file: for `reg import` on a few computers, or a GPO registry preference",
                ArtifactKind.RegistryPol => "The same values as a machine Registry.pol (PReg): for a GPO you edit yourself, or one computer with LGPO",
                ArtifactKind.GpoScript => "Creates or updates the GPO that sets the same values: for a domain's computers, from one place",
                ArtifactKind.TrustAppendScript => "Appends the missing domains to each computer's own value: where computers hold different values",
                ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => IsRetired(tenant, a)
                    ? $"Intune Remediations package for {a.Client!.Product}, a retired client: detects and removes this tenant's entries from its value, and the value when only Microsoft's defaults are left. For computers Intune manages: upload every client's folder"
                    : $"Intune Remediations package for {a.Client!.Product}: detects what its value lacks and appends it (the appender's merge). For computers Intune manages: upload every client's folder",
                ArtifactKind.DnsServerScript => "The same on a Windows DNS Server: adds, replaces and removes only this tool's records, reporting conflicts",
                ArtifactKind.Ldif => "msRTCSIP-UserEnabled TRUE for the users given by distinguished name",
                ArtifactKind.ActiveDirectoryScript => tenant.ActiveDirectory?.SearchBase is null
                    ? "SIP-enables the listed users"
                    : "SIP-enables the listed users and those the search selects",
                ArtifactKind.ClientCleanupScript => "Clears a user's sign-in credentials (dry run unless `-Apply`)",
                ArtifactKind.Admx => "Administrative template (policy definitions)",
                ArtifactKind.Adml => $"Template texts, {a.Language}",
                ArtifactKind.Zone => $"DNS records for {Domain(a)}",
                ArtifactKind.TmgServerScript => "Sets the TMG client rules through the FPC COM API",
                ArtifactKind.TmgClientIni => "The TMG client sections clients receive",
                ArtifactKind.GatewayRules => "Rules for a web gateway other than TMG",
                ArtifactKind.LgpoText => "Registry.pol as text: for a computer outside the domain (`LGPO.exe /t`), and to read in a diff",
                ArtifactKind.Guide or ArtifactKind.GitAttributes => NotARow(a.Kind),
                ArtifactKind.NsUpdate => IsRetired(tenant, a)
                    ? $"RFC 2136 update message of {Domain(a)}, a retired domain: only deletes this tool's records"
                    : $"RFC 2136 update messages of {Domain(a)}, one per case: adds, replaces and removes only this tool's records",
            },
            kind => kind switch
            {
                ArtifactKind.Reg => "Each computer (`reg import`) or a GPO registry preference",
                ArtifactKind.RegistryPol => "A GPO's `Machine` folder, or each computer with `LGPO.exe /m`",
                ArtifactKind.GpoScript => "Run once where the GroupPolicy module is (RSAT), by someone who may create GPOs",
                ArtifactKind.TrustAppendScript => "Run on each computer as an administrator",
                ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => "One Intune script package per folder: as SYSTEM, 64-bit",
                ArtifactKind.DnsServerScript => "Run with the DnsServer module, as a DNS administrator",
                ArtifactKind.Ldif => "`ldifde -i -f`, on a domain controller or with RSAT",
                ArtifactKind.ActiveDirectoryScript => "Run with the ActiveDirectory module (RSAT), by someone who may write the attribute",
                ArtifactKind.ClientCleanupScript => "The affected user's computer: as that user, and as an administrator with `-UserName` for the key folders",
                ArtifactKind.Admx or ArtifactKind.Adml => "Central store: `\\\\<domain>\\SYSVOL\\<domain>\\Policies\\PolicyDefinitions` (Domain Admins)",
                ArtifactKind.Zone => "The domain's DNS host",
                ArtifactKind.TmgServerScript => "Run on the Forefront TMG server",
                ArtifactKind.TmgClientIni => "Reference: `%ProgramData%\\Microsoft\\Firewall Client 2004\\Application.ini`",
                ArtifactKind.GatewayRules => "Your web gateway's administrator",
                ArtifactKind.LgpoText => "A computer outside the domain: `LGPO.exe /t Registry.pol.txt`",
                ArtifactKind.Guide or ArtifactKind.GitAttributes => NotARow(kind),
                ArtifactKind.NsUpdate => "A DNS server that takes dynamic updates: every file, `nsupdate -k KEYFILE FILE` (or `knsupdate`)",
            },
            (step, role) => role switch
            {
                StepRole.Deploy => $"{step}",
                StepRole.PickOne => $"{step}, pick one",
                StepRole.Optional => $"{step}, optional",
            },
            "<that server>",
            profile => profile switch
            {
                DnsProfile.Troubleshooting or DnsProfile.SkypeOnline => "",
                DnsProfile.TeamsOnly => "This error comes from a Skype for Business client that finds no `sip` record for its domain. The `teams-only` profile publishes none: its users sign in to Teams, so there is no such sign-in to fix. If users still see this error in a Skype for Business client, the tenant is not Teams-only: choose the `troubleshooting` or `skype-online` profile. What this profile does publish is the `_sipfederationtls._tcp` record that federation with other organisations needs, as follows.",
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
            (a, tenant) => a.Kind switch
            {
                ArtifactKind.Reg => "TrustModelData pour chaque client choisi, en fichier de Registre : pour `reg import` sur quelques ordinateurs, ou une préférence de Registre par GPO",
                ArtifactKind.RegistryPol => "Les mêmes valeurs en Registry.pol d'ordinateur (PReg) : pour une GPO que vous modifiez vous-même, ou un ordinateur avec LGPO",
                ArtifactKind.GpoScript => "Crée ou met à jour la GPO qui définit les mêmes valeurs : pour les ordinateurs d'un domaine, depuis un seul endroit",
                ArtifactKind.TrustAppendScript => "Ajoute les domaines manquants à la valeur propre de chaque ordinateur : là où les ordinateurs ont des valeurs différentes",
                ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => IsRetired(tenant, a)
                    ? $"Package de corrections Intune pour {a.Client!.Product}, un client retiré : détecte et retire de sa valeur les entrées de ce locataire, et la valeur quand il n'y reste que les domaines par défaut de Microsoft. Pour les ordinateurs gérés par Intune : chargez le dossier de chaque client"
                    : $"Package de corrections Intune pour {a.Client!.Product} : détecte ce qui manque à sa valeur et l'ajoute (la fusion du script d'ajout). Pour les ordinateurs gérés par Intune : chargez le dossier de chaque client",
                ArtifactKind.DnsServerScript => "La même chose sur un serveur DNS Windows : n'ajoute, ne remplace et ne retire que les enregistrements de cet outil, en signalant les conflits",
                ArtifactKind.Ldif => "msRTCSIP-UserEnabled à TRUE pour les utilisateurs donnés par nom unique (DN)",
                ArtifactKind.ActiveDirectoryScript => tenant.ActiveDirectory?.SearchBase is null
                    ? "Active SIP pour les utilisateurs listés"
                    : "Active SIP pour les utilisateurs listés et ceux que la recherche sélectionne",
                ArtifactKind.ClientCleanupScript => "Efface les informations d'identification d'un utilisateur (simulation sans `-Apply`)",
                ArtifactKind.Admx => "Modèle d'administration (définitions de stratégie)",
                ArtifactKind.Adml => $"Textes du modèle, {a.Language}",
                ArtifactKind.Zone => $"Enregistrements DNS de {Domain(a)}",
                ArtifactKind.TmgServerScript => "Définit les règles du client TMG par l'API COM FPC",
                ArtifactKind.TmgClientIni => "Les sections que reçoivent les clients TMG",
                ArtifactKind.GatewayRules => "Règles pour une passerelle web autre que TMG",
                ArtifactKind.LgpoText => "Registry.pol en texte : pour un ordinateur hors domaine (`LGPO.exe /t`), et à lire dans un diff",
                ArtifactKind.Guide or ArtifactKind.GitAttributes => NotARow(a.Kind),
                ArtifactKind.NsUpdate => IsRetired(tenant, a)
                    ? $"Message de mise à jour RFC 2136 de {Domain(a)}, un domaine retiré : ne fait que supprimer les enregistrements de cet outil"
                    : $"Messages de mise à jour RFC 2136 de {Domain(a)}, un par cas : n'ajoutent, ne remplacent et ne retirent que les enregistrements de cet outil",
            },
            kind => kind switch
            {
                ArtifactKind.Reg => "Chaque ordinateur (`reg import`) ou une préférence de Registre par GPO",
                ArtifactKind.RegistryPol => "Le dossier `Machine` d'une GPO, ou chaque ordinateur avec `LGPO.exe /m`",
                ArtifactKind.GpoScript => "Une fois, là où se trouve le module GroupPolicy (RSAT), par qui peut créer des GPO",
                ArtifactKind.TrustAppendScript => "Sur chaque ordinateur, en administrateur",
                ArtifactKind.IntuneDetectScript or ArtifactKind.IntuneRemediateScript => "Un package de scripts Intune par dossier : en SYSTEM, en 64 bits",
                ArtifactKind.DnsServerScript => "Avec le module DnsServer, en administrateur DNS",
                ArtifactKind.Ldif => "`ldifde -i -f`, sur un contrôleur de domaine ou avec RSAT",
                ArtifactKind.ActiveDirectoryScript => "Avec le module ActiveDirectory (RSAT), par qui peut écrire l'attribut",
                ArtifactKind.ClientCleanupScript => "L'ordinateur de l'utilisateur concerné : sous son compte, et en administrateur avec `-UserName` pour les dossiers de clés",
                ArtifactKind.Admx or ArtifactKind.Adml => "Magasin central : `\\\\<domaine>\\SYSVOL\\<domaine>\\Policies\\PolicyDefinitions` (Admins du domaine)",
                ArtifactKind.Zone => "L'hébergeur DNS du domaine",
                ArtifactKind.TmgServerScript => "À exécuter sur le serveur Forefront TMG",
                ArtifactKind.TmgClientIni => "Référence : `%ProgramData%\\Microsoft\\Firewall Client 2004\\Application.ini`",
                ArtifactKind.GatewayRules => "L'administrateur de votre passerelle web",
                ArtifactKind.LgpoText => "Un ordinateur hors domaine : `LGPO.exe /t Registry.pol.txt`",
                ArtifactKind.Guide or ArtifactKind.GitAttributes => NotARow(kind),
                ArtifactKind.NsUpdate => "Un serveur DNS qui accepte les mises à jour dynamiques : chaque fichier, `nsupdate -k FICHIERCLÉ FICHIER` (ou `knsupdate`)",
            },
            (step, role) => role switch
            {
                StepRole.Deploy => $"{step}",
                StepRole.PickOne => $"{step}, au choix",
                StepRole.Optional => $"{step}, facultatif",
            },
            "<ce serveur>",
            profile => profile switch
            {
                DnsProfile.Troubleshooting or DnsProfile.SkypeOnline => "",
                DnsProfile.TeamsOnly => "Cette erreur vient d'un client Skype Entreprise qui ne trouve pas d'enregistrement `sip` pour son domaine. Le profil `teams-only` n'en publie aucun : ses utilisateurs se connectent à Teams, il n'y a donc pas de telle connexion à corriger. Si des utilisateurs voient encore cette erreur dans un client Skype Entreprise, le locataire n'est pas « Teams uniquement » : choisissez le profil `troubleshooting` ou `skype-online`. Ce que ce profil publie, c'est l'enregistrement `_sipfederationtls._tcp` dont a besoin la fédération avec d'autres organisations, comme suit.",
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
