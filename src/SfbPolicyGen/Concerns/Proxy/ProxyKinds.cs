using SfbPolicyGen.Output;
using static SfbPolicyGen.Output.ArtifactFormat;

namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>The proxy's rules, the fix of "Sign-in address not found" (docs/PROXY.md): TMG's client
/// rules for msoidsvc, or a rule sheet for another gateway.</summary>
public static class ProxyKinds
{
    /// <summary>ASCII-only content (names are validated), CRLF for Windows' INI reader.</summary>
    public static readonly ArtifactKind TmgClientIni = new("tmg-client-ini", FileEncoding.Utf8, Crlf, "tmg/Application.ini")
    {
        Shown = "the TMG client sections (Application.ini)",
        Guide = new(
            StepRole.Deploy,
            new((_, _) => "The TMG client sections clients receive", (_, _) => "Les sections que reçoivent les clients TMG"),
            new(
                "Reference: `%ProgramData%\\Microsoft\\Firewall Client 2004\\Application.ini`",
                "Référence : `%ProgramData%\\Microsoft\\Firewall Client 2004\\Application.ini`")),
    };

    /// <summary>UTF-8 with BOM and CRLF, so that Windows PowerShell 2.0 on a TMG server does not read it
    /// in the ANSI code page.</summary>
    public static readonly ArtifactKind TmgServerScript = new("tmg-server-script", FileEncoding.Utf8WithBom, Crlf, "tmg/Set-TmgClientRules.ps1")
    {
        Shown = "the TMG server script",
        Guide = new(
            StepRole.Deploy,
            new((_, _) => "Sets the TMG client rules through the FPC COM API", (_, _) => "Définit les règles du client TMG par l'API COM FPC"),
            new("Run on the Forefront TMG server", "À exécuter sur le serveur Forefront TMG")),
    };

    /// <summary>Markdown: UTF-8, LF, as code review tools expect.</summary>
    public static readonly ArtifactKind GatewayRules = new("gateway-rules", FileEncoding.Utf8, Lf, "gateway/gateway-rules.md")
    {
        Shown = "the rule sheet for another gateway",
        Guide = new(
            StepRole.Deploy,
            new((_, _) => "Rules for a web gateway other than TMG", (_, _) => "Règles pour une passerelle web autre que TMG"),
            new("Your web gateway's administrator", "L'administrateur de votre passerelle web")),
    };
}
