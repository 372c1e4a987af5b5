using SfbPolicyGen.Output;
using static SfbPolicyGen.Concerns.GuideText;
using static SfbPolicyGen.Output.ArtifactFormat;

namespace SfbPolicyGen.Concerns.Trust;

/// <summary>The files that set TrustModelData, the fix of "Cannot verify that the server is trusted"
/// (docs/REGISTRY.md): the ways to set one value (pick one) and the optional templates.</summary>
public static class TrustKinds
{
    private static readonly Localized<string> CentralStore = new(
        "Central store: `\\\\<domain>\\SYSVOL\\<domain>\\Policies\\PolicyDefinitions` (Domain Admins)",
        "Magasin central : `\\\\<domaine>\\SYSVOL\\<domaine>\\Policies\\PolicyDefinitions` (Admins du domaine)");

    /// <summary>UTF-8 without BOM, declared in the XML declaration; CRLF like Microsoft's own files. Laid
    /// out as the central store is.</summary>
    public static readonly ArtifactKind Admx = new("admx", FileEncoding.Utf8, Crlf, "PolicyDefinitions/{file}.admx")
    {
        Shown = "the ADMX template",
        Guide = new(StepRole.Optional, new((_, _) => "Administrative template (policy definitions)", (_, _) => "Modèle d'administration (définitions de stratégie)"), CentralStore),
    };

    public static readonly ArtifactKind Adml = new("adml", FileEncoding.Utf8, Crlf, "PolicyDefinitions/{language}/{file}.adml")
    {
        Shown = "the ADML texts",
        Guide = new(StepRole.Optional, new((a, _) => $"Template texts, {a.Language}", (a, _) => $"Textes du modèle, {a.Language}"), CentralStore),
    };

    /// <summary>UTF-16LE with BOM and CRLF, what regedit writes (docs/REGISTRY.md, ".reg files").</summary>
    public static readonly ArtifactKind Reg = new("reg", FileEncoding.Utf16LeWithBom, Crlf, "registry/TrustModelData.reg")
    {
        Shown = "the .reg file",
        Guide = new(
            StepRole.PickOne,
            new(
                (_, _) => "TrustModelData for each selected client as a registry file: for `reg import` on a few computers, or a GPO registry preference",
                (_, _) => "TrustModelData pour chaque client choisi, en fichier de Registre : pour `reg import` sur quelques ordinateurs, ou une préférence de Registre par GPO"),
            new("Each computer (`reg import`) or a GPO registry preference", "Chaque ordinateur (`reg import`) ou une préférence de Registre par GPO")),
    };

    /// <summary>Binary PReg ([MS-GPREG] 2.2.1), the writer's bytes, laid out as in a GPO's folder
    /// (<c>{GUID}\Machine\Registry.pol</c>), for a GPO or <c>LGPO.exe /m</c>.</summary>
    public static readonly ArtifactKind RegistryPol = new("pol", FileEncoding.Binary, "", "gpo/Machine/Registry.pol")
    {
        Shown = "Registry.pol",
        Guide = new(
            StepRole.PickOne,
            new(
                (_, _) => "The same values as a machine Registry.pol (PReg): for a GPO you edit yourself, or one computer with LGPO",
                (_, _) => "Les mêmes valeurs en Registry.pol d'ordinateur (PReg) : pour une GPO que vous modifiez vous-même, ou un ordinateur avec LGPO"),
            new("A GPO's `Machine` folder, or each computer with `LGPO.exe /m`", "Le dossier `Machine` d'une GPO, ou chaque ordinateur avec `LGPO.exe /m`")),
    };

    /// <summary>Beside Registry.pol, the same entries as LGPO text, for a diff and for <c>LGPO.exe /t</c>:
    /// ASCII-only content, CRLF, for LGPO.exe on Windows.</summary>
    public static readonly ArtifactKind LgpoText = new("lgpo-text", FileEncoding.Utf8, Crlf, "gpo/Machine/Registry.pol.txt")
    {
        Shown = "the LGPO text",
        Guide = new(
            StepRole.PickOne,
            new(
                (_, _) => "Registry.pol as text: for a computer outside the domain (`LGPO.exe /t`), and to read in a diff",
                (_, _) => "Registry.pol en texte : pour un ordinateur hors domaine (`LGPO.exe /t`), et à lire dans un diff"),
            new("A computer outside the domain: `LGPO.exe /t Registry.pol.txt`", "Un ordinateur hors domaine : `LGPO.exe /t Registry.pol.txt`")),
    };

    /// <summary>.ps1: UTF-8 with BOM and CRLF, so that Windows PowerShell 5.1 does not read it in the ANSI code page.</summary>
    public static readonly ArtifactKind GpoScript = new("gpo-script", FileEncoding.Utf8WithBom, Crlf, "gpo/Set-TrustModelDataGpo.ps1")
    {
        Shown = "the GPO script",
        Guide = new(
            StepRole.PickOne,
            new(
                (_, _) => "Creates or updates the GPO that sets the same values: for a domain's computers, from one place",
                (_, _) => "Crée ou met à jour la GPO qui définit les mêmes valeurs : pour les ordinateurs d'un domaine, depuis un seul endroit"),
            new("Run once where the GroupPolicy module is (RSAT), by someone who may create GPOs", "Une fois, là où se trouve le module GroupPolicy (RSAT), par qui peut créer des GPO")),
    };

    public static readonly ArtifactKind TrustAppendScript = new("trust-append-script", FileEncoding.Utf8WithBom, Crlf, "registry/Add-TrustModelData.ps1")
    {
        Shown = "the appender",
        Guide = new(
            StepRole.PickOne,
            new(
                (_, _) => "Appends the missing domains to each computer's own value: where computers hold different values",
                (_, _) => "Ajoute les domaines manquants à la valeur propre de chaque ordinateur : là où les ordinateurs ont des valeurs différentes"),
            new("Run on each computer as an administrator", "Sur chaque ordinateur, en administrateur")),
    };

    /// <summary>One Intune package per client: the pair is one row (their folder).</summary>
    private static readonly GuideRow IntunePackage = new(
        StepRole.PickOne,
        new(
            (a, tenant) => IsRetired(tenant, a)
                ? $"Intune Remediations package for {a.Client!.Product}, a retired client: detects and removes this tenant's entries from its value, and the value when only Microsoft's defaults are left. For computers Intune manages: upload every client's folder"
                : $"Intune Remediations package for {a.Client!.Product}: detects what its value lacks and appends it (the appender's merge). For computers Intune manages: upload every client's folder",
            (a, tenant) => IsRetired(tenant, a)
                ? $"Package de corrections Intune pour {a.Client!.Product}, un client retiré : détecte et retire de sa valeur les entrées de ce locataire, et la valeur quand il n'y reste que les domaines par défaut de Microsoft. Pour les ordinateurs gérés par Intune : chargez le dossier de chaque client"
                : $"Package de corrections Intune pour {a.Client!.Product} : détecte ce qui manque à sa valeur et l'ajoute (la fusion du script d'ajout). Pour les ordinateurs gérés par Intune : chargez le dossier de chaque client"),
        new("One Intune script package per folder: as SYSTEM, 64-bit", "Un package de scripts Intune par dossier : en SYSTEM, en 64 bits"),
        ByFolder: true);

    /// <summary>Intune Remediations scripts: ASCII-only content (rendered with TemplateSet.RenderAscii),
    /// UTF-8 without BOM, what Intune asks of a script whose signature it checks (its "Script
    /// requirements"); ASCII reads the same in the ANSI code page Windows PowerShell 5.1 assumes. CRLF, as
    /// every script: PowerShell's SIP checks a signed script's content byte for byte, and scripts signed
    /// with LF line ends fail its check (docs/SIGNING.md, "Line ends and encoding"). One folder per client
    /// key: the pair Intune takes as one script package.</summary>
    public static readonly ArtifactKind IntuneDetectScript = new("intune-detect-script", FileEncoding.Utf8, Crlf, "intune/{client}/Detect-TrustModelData.ps1")
    {
        Shown = "the Intune detection script",
        Guide = IntunePackage,
    };

    public static readonly ArtifactKind IntuneRemediateScript = new("intune-remediate-script", FileEncoding.Utf8, Crlf, "intune/{client}/Remediate-TrustModelData.ps1")
    {
        Shown = "the Intune remediation script",
        Guide = IntunePackage,
    };
}
