using SfbPolicyGen.Output;
using static SfbPolicyGen.Output.ArtifactFormat;

namespace SfbPolicyGen.Concerns.ClientCleanup;

/// <summary>The clean-up of one user's computer, the fix of "There was a problem acquiring a personal certificate".</summary>
public static class ClientCleanupKinds
{
    public static readonly ArtifactKind ClientCleanupScript = new("client-cleanup-script", FileEncoding.Utf8WithBom, Crlf, "client/Reset-SfbSignIn.ps1")
    {
        Shown = "the client clean-up script",
        Guide = new(
            StepRole.Deploy,
            new(
                (_, _) => "Clears a user's sign-in credentials (dry run unless `-Apply`)",
                (_, _) => "Efface les informations d'identification d'un utilisateur (simulation sans `-Apply`)"),
            new(
                "The affected user's computer: as that user, and as an administrator with `-UserName` for the key folders",
                "L'ordinateur de l'utilisateur concerné : sous son compte, et en administrateur avec `-UserName` pour les dossiers de clés")),
    };
}
