using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SfbPolicyGen.Signing;

/// <summary>A PowerShell script's Authenticode signature block, as <c>Set-AuthenticodeSignature</c> writes
/// it and PowerShell's SIP reads it (docs/SIGNING.md, "The signature block"):
/// <code>
/// CONTENT\r\n# SIG # Begin signature block\r\n# BASE64 (64 characters a line)\r\n...# SIG # End signature block\r\n
/// </code>
/// The signature is a PKCS #7 SignedData whose content is an SpcIndirectDataContent: the PowerShell SIP's
/// SpcSipInfo and the SHA-256 of CONTENT as UTF-16LE (a UTF-8 byte order mark counts as U+FEFF). Only
/// UTF-8 scripts are handled: every script this tool writes is UTF-8.</summary>
public static class AuthenticodeScript
{
    // docs/SIGNING.md, "The signed content": the OIDs and the PowerShell SIP's class identifier.
    internal const string IndirectDataOid = "1.3.6.1.4.1.311.2.1.4";
    internal const string SipInfoOid = "1.3.6.1.4.1.311.2.1.30";
    internal const string OpusInfoOid = "1.3.6.1.4.1.311.2.1.12";
    internal const string StatementTypeOid = "1.3.6.1.4.1.311.2.1.11";
    internal const string IndividualCodeSigningOid = "1.3.6.1.4.1.311.2.1.21";
    internal const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    internal const string CodeSigningEkuOid = "1.3.6.1.5.5.7.3.3";
    private static readonly Guid PowerShellSip = new("603BCC1F-4B59-4E08-B724-D2C6297EF351");

    private static readonly byte[] Begin = "\r\n# SIG # Begin signature block\r\n"u8.ToArray();
    private static readonly byte[] End = "# SIG # End signature block\r\n"u8.ToArray();
    private static readonly Encoding Utf8Lenient = new UTF8Encoding(false, false);

    /// <summary>Whether a generated file is a script this tool signs: every <c>.ps1</c>.</summary>
    public static bool Applies(string path) => path.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase);

    /// <summary>The length of the content a signature block follows: the whole file when it has none.
    /// The block is the last <c>\r\n# SIG # Begin signature block\r\n</c>, running to the end of the
    /// file, which ends with <c># SIG # End signature block\r\n</c>.</summary>
    public static int ContentLength(ReadOnlySpan<byte> file) =>
        file.EndsWith(End) && file.LastIndexOf(Begin) is var begin and >= 0 ? begin : file.Length;

    /// <summary>The SHA-256 the SIP signs: of the content as UTF-16LE.</summary>
    public static byte[] ContentDigest(ReadOnlySpan<byte> content) =>
        SHA256.HashData(Encoding.Unicode.GetBytes(Utf8Lenient.GetString(content)));

    /// <summary>The file with its signature block: the content, then the block.</summary>
    internal static byte[] Append(ReadOnlySpan<byte> content, byte[] signature)
    {
        var base64 = Convert.ToBase64String(signature);
        var block = new StringBuilder(base64.Length + (base64.Length / 64 * 4) + 64);
        for (var i = 0; i < base64.Length; i += 64)
        {
            block.Append("# ").Append(base64, i, Math.Min(64, base64.Length - i)).Append("\r\n");
        }

        return [.. content, .. Begin, .. Encoding.ASCII.GetBytes(block.ToString()), .. End];
    }

    /// <summary>The DER of the SpcIndirectDataContent for content with this digest.</summary>
    internal static byte[] IndirectData(byte[] digest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                // SpcAttributeTypeAndOptionalValue: the SIP's SpcSipInfo { 65536, class id, 0 x 5 }.
                writer.WriteObjectIdentifier(SipInfoOid);
                using (writer.PushSequence())
                {
                    writer.WriteInteger(65536);
                    writer.WriteOctetString(PowerShellSip.ToByteArray());
                    for (var i = 0; i < 5; i++)
                    {
                        writer.WriteInteger(0);
                    }
                }
            }

            using (writer.PushSequence())
            {
                // DigestInfo.
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(Sha256Oid);
                    writer.WriteNull();
                }

                writer.WriteOctetString(digest);
            }
        }

        return writer.Encode();
    }

    /// <summary>Checks a script's signature block against its content, without trusting any root: the
    /// PKCS #7 signature is valid, it signs PowerShell SIP content, and the digest it signs is the
    /// content's. Whether the signer is the expected one is the caller's question.</summary>
    public static SignatureCheck Verify(ReadOnlySpan<byte> file)
    {
        var length = ContentLength(file);
        if (length == file.Length)
        {
            return SignatureCheck.NoBlock;
        }

        try
        {
            var cms = new SignedCms();
            cms.Decode(Convert.FromBase64String(Base64Of(file[(length + Begin.Length)..^End.Length])));
            if (cms.ContentInfo.ContentType.Value != IndirectDataOid || cms.SignerInfos.Count != 1)
            {
                return SignatureCheck.Invalid("the signature block does not hold one PowerShell signature");
            }

            cms.CheckSignature(verifySignatureOnly: true);
            var signer = cms.SignerInfos[0].Certificate;
            return signer is null
                ? SignatureCheck.Invalid("the signature block does not hold its signer's certificate")
                : SignedDigest(cms.ContentInfo.Content) is not { } signed
                    ? SignatureCheck.Invalid("the signature block does not sign a PowerShell script's SHA-256")
                    : !signed.AsSpan().SequenceEqual(ContentDigest(file[..length]))
                        ? SignatureCheck.Invalid("the script is not the content its signature signs")
                        : SignatureCheck.Valid(signer);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or AsnContentException)
        {
            return SignatureCheck.Invalid($"the signature block does not verify ({ex.Message.TrimEnd('.')})");
        }
    }

    private static string Base64Of(ReadOnlySpan<byte> lines)
    {
        var text = Encoding.ASCII.GetString(lines);
        var base64 = new StringBuilder(text.Length);
        foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("# ", StringComparison.Ordinal))
            {
                throw new FormatException("a line of the signature block is not a comment");
            }

            base64.Append(line, 2, line.Length - 2);
        }

        return base64.ToString();
    }

    /// <summary>The SHA-256 an SpcIndirectDataContent signs, when it is the PowerShell SIP's; else null.</summary>
    private static byte[]? SignedDigest(byte[] indirectData)
    {
        var content = new AsnReader(indirectData, AsnEncodingRules.BER).ReadSequence();
        var data = content.ReadSequence();
        if (data.ReadObjectIdentifier() != SipInfoOid)
        {
            return null;
        }

        var sipInfo = data.ReadSequence();
        sipInfo.ReadInteger();
        if (new Guid(sipInfo.ReadOctetString()) != PowerShellSip)
        {
            return null;
        }

        var digestInfo = content.ReadSequence();
        return digestInfo.ReadSequence().ReadObjectIdentifier() == Sha256Oid ? digestInfo.ReadOctetString() : null;
    }
}

/// <summary>What <see cref="AuthenticodeScript.Verify"/> found: no block, a block that verifies (and its
/// signer), or one that does not (and why).</summary>
public sealed record SignatureCheck(bool HasBlock, X509Certificate2? Signer, string? Problem)
{
    public static readonly SignatureCheck NoBlock = new(false, null, null);

    public bool IsValid => HasBlock && Problem is null;

    public static SignatureCheck Valid(X509Certificate2 signer) => new(true, signer, null);

    public static SignatureCheck Invalid(string problem) => new(true, null, problem);
}
