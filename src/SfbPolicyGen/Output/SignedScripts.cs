using SfbPolicyGen.Signing;

namespace SfbPolicyGen.Output;

/// <summary>Which file on disk generate leaves as it is, for a script that may carry a signature block
/// (docs/SIGNING.md, "Check and plan without the key"). A signature is not a function of the content
/// alone (a timestamp, an ECDSA key, or a key this run does not hold), so a signed script counts as
/// unchanged when its content under the block is what the run renders, its block verifies over that
/// content, and its signer is the one the run accepts: the run's certificate when it has one; else the
/// file must still be the bytes generate wrote (its manifest hash), so that a script signed again by
/// hand, or edited, is not taken for the tool's.</summary>
internal static class SignedScripts
{
    /// <param name="onDisk">The file's bytes.</param>
    /// <param name="owned">The manifest's record of the file, when generate wrote it.</param>
    /// <returns>The artifact as generate leaves it: itself when the file holds its bytes, or the file's
    /// bytes when the file is this script signed as the run accepts; null when generate writes it.</returns>
    public static GeneratedArtifact? Kept(GeneratedArtifact artifact, ReadOnlySpan<byte> onDisk, OwnedFile? owned, ScriptSigner? signer)
    {
        if (!artifact.AwaitsSignature && onDisk.SequenceEqual(artifact.Bytes))
        {
            return artifact;
        }

        if (!AuthenticodeScript.Applies(artifact.Path) || AuthenticodeScript.ContentLength(onDisk) is var length && length == onDisk.Length)
        {
            return null;
        }

        var content = artifact.Bytes.AsSpan(0, AuthenticodeScript.ContentLength(artifact.Bytes));
        if (!onDisk[..length].SequenceEqual(content))
        {
            return null;
        }

        var check = AuthenticodeScript.Verify(onDisk);
        var accepted = check.IsValid && (signer is not null ? signer.IsSigner(check.Signer) : owned is not null && owned.Holds(onDisk));
        return accepted
            ? artifact with { Bytes = onDisk.ToArray(), Sha256 = Sha256Hash.Of(onDisk), UnderSignature = new SignedContent(Sha256Hash.Of(content), content.Length), AwaitsSignature = false }
            : null;
    }

    /// <summary>For check's report of a script whose content is what generate writes but whose signature is
    /// not: what generate would do about it.</summary>
    public static string SignatureDifference(ReadOnlySpan<byte> onDisk, ScriptSigner? signer)
    {
        var check = AuthenticodeScript.Verify(onDisk);
        var now = !check.HasBlock ? "it is not signed" : check.Problem is { } problem ? problem : $"it is signed by {check.Signer!.Subject}";
        return signer is not null
            ? $"(the content is what generate writes; {now}, and generate signs it with {signer.Shown})"
            : $"(the content is what generate writes; {now}, which is not what generate wrote; generate writes it unsigned)";
    }
}
