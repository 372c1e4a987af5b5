using SfbPolicyGen.Output;
using static SfbPolicyGen.Output.ArtifactFormat;

namespace SfbPolicyGen.Concerns.Diagnostics;

/// <summary>The collection script for support, run on a failing client computer.</summary>
public static class DiagnosticsKinds
{
    /// <summary>.ps1: UTF-8 with BOM and CRLF, so that Windows PowerShell 5.1 does not read it in the ANSI code page.</summary>
    public static readonly ArtifactKind CollectScript = new("diagnostics-script", FileEncoding.Utf8WithBom, Crlf, "client/Collect-SfbSignInDiagnostics.ps1")
    {
        Shown = "the diagnostics collection script",
        Guide = new(
            StepRole.Optional,
            new(
                (_, _) => "Gathers the client's logs, its event log entries and the state of each fix into one zip, with a summary of what looks broken (reads only; sends nothing)",
                (_, _) => "Rassemble dans un zip les journaux du client, ses entrées du journal des événements et l'état de chaque correctif, avec un résumé de ce qui semble cassé (lecture seule ; n'envoie rien)"),
            new(
                "The failing computer: as the user who cannot sign in (an administrator may run it too)",
                "L'ordinateur en échec : sous le compte de l'utilisateur qui ne peut pas se connecter (un administrateur peut aussi le lancer)")),
    };
}
