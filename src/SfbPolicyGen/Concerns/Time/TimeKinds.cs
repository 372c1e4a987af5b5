using SfbPolicyGen.Output;
using static SfbPolicyGen.Output.ArtifactFormat;

namespace SfbPolicyGen.Concerns.Time;

/// <summary>The domain's time source, the fix of "System clock out of sync with server clock" (docs/TIME.md).</summary>
public static class TimeKinds
{
    /// <summary>UTF-8 with BOM and CRLF, so that Windows PowerShell on a domain controller does not read it
    /// in the ANSI code page.</summary>
    public static readonly ArtifactKind PdcTimeSourceScript = new("time-source-script", FileEncoding.Utf8WithBom, Crlf, "time/Set-PdcTimeSource.ps1")
    {
        Shown = "the PDC emulator's time source script",
        Guide = new(
            StepRole.Deploy,
            new(
                (_, tenant) => $"Points the PDC emulator at `{tenant.Time!.ManualPeerList}` (KB 816042; `-WhatIf` first)",
                (_, tenant) => $"Fait synchroniser l'émulateur PDC sur `{tenant.Time!.ManualPeerList}` (KB 816042 ; essayez d'abord `-WhatIf`)"),
            new(
                "The domain controller holding the PDC emulator role of the forest root domain, as an administrator (or its computer GPO: Windows Time Service > Time Providers > Configure Windows NTP Client, NtpServer and Type NTP)",
                "Le contrôleur de domaine qui détient le rôle d'émulateur PDC du domaine racine de la forêt, en administrateur (ou sa GPO ordinateur : Service de temps Windows > Fournisseurs de temps > Configurer un client NTP Windows, NtpServer et Type NTP)")),
    };
}
