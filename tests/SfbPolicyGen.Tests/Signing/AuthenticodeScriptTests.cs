using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SfbPolicyGen.Signing;
using SfbPolicyGen.Tests.Consumers;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Signing;

/// <summary>The signature block, checked three ways: its format constants written out here, osslsigncode
/// (a PowerShell signer and verifier nobody here wrote) accepting what the tool signs and refusing it
/// once a byte changes, and the tool's verifier accepting what osslsigncode signs.</summary>
public sealed class AuthenticodeScriptTests : IDisposable
{
    // A script as the tool writes them: UTF-8 with BOM, CRLF, non-ASCII text (the BOM and the é are in the digest).
    private static readonly byte[] Script = [0xEF, 0xBB, 0xBF, .. "# Contoso\r\nWrite-Output 'sécurité'\r\n"u8];

    private readonly CodeSigningFiles _files = new();
    private readonly X509Certificate2 _publisher;

    public AuthenticodeScriptTests() => _publisher = _files.Publisher();

    public void Dispose()
    {
        _publisher.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void The_block_follows_the_content_in_the_format_powershell_reads()
    {
        var signed = Signer().Sign(Script);

        Assert.Equal(Script, signed[..Script.Length]);
        var block = Encoding.ASCII.GetString(signed[Script.Length..]);
        Assert.StartsWith("\r\n# SIG # Begin signature block\r\n# MII", block, StringComparison.Ordinal);
        Assert.EndsWith("\r\n# SIG # End signature block\r\n", block, StringComparison.Ordinal);
        var lines = block.Split("\r\n")[2..^2];
        Assert.All(lines[..^1], line => Assert.Equal(2 + 64, line.Length));
        Assert.All(lines, line => Assert.StartsWith("# ", line, StringComparison.Ordinal));
        Assert.Equal(Script.Length, AuthenticodeScript.ContentLength(signed));
    }

    [Fact]
    public void The_signature_signs_the_powershell_sip_digest_of_the_content_as_utf16()
    {
        var signed = Signer().Sign(Script);
        var cms = Decode(signed);

        Assert.Equal("1.3.6.1.4.1.311.2.1.4", cms.ContentInfo.ContentType.Value); // SPC_INDIRECT_DATA_OBJID
        var content = new AsnReader(cms.ContentInfo.Content, AsnEncodingRules.DER).ReadSequence();
        var data = content.ReadSequence();
        Assert.Equal("1.3.6.1.4.1.311.2.1.30", data.ReadObjectIdentifier()); // SPC_SIPINFO_OBJID
        var sip = data.ReadSequence();
        Assert.Equal(65536, (int)sip.ReadInteger());
        Assert.Equal(Convert.FromHexString("1FCC3B60594B084EB724D2C6297EF351"), sip.ReadOctetString()); // {603BCC1F-4B59-4E08-B724-D2C6297EF351}
        var digest = content.ReadSequence();
        Assert.Equal("2.16.840.1.101.3.4.2.1", digest.ReadSequence().ReadObjectIdentifier()); // SHA-256
        var expected = SHA256.HashData([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("# Contoso\r\nWrite-Output 'sécurité'\r\n")]);
        Assert.Equal(expected, digest.ReadOctetString());
        Assert.Equal(SubjectIdentifierType.IssuerAndSerialNumber, cms.SignerInfos[0].SignerIdentifier.Type);
        Assert.Equal("2.16.840.1.101.3.4.2.1", cms.SignerInfos[0].DigestAlgorithm.Value);
    }

    [Fact]
    public void The_chain_is_included_and_no_signing_time_is_unless_one_is_given()
    {
        var cms = Decode(Signer().Sign(Script));
        Assert.Equal(new[] { _publisher.Thumbprint, _files.Intermediate.Thumbprint }.Order(StringComparer.Ordinal), cms.Certificates.Select(c => c.Thumbprint).Order(StringComparer.Ordinal));
        var attributes = cms.SignerInfos[0].SignedAttributes.Cast<CryptographicAttributeObject>().Select(a => a.Oid.Value).ToList();
        Assert.Contains("1.3.6.1.4.1.311.2.1.12", attributes); // SpcSpOpusInfo
        Assert.Contains("1.3.6.1.4.1.311.2.1.11", attributes); // SpcStatementType
        Assert.DoesNotContain("1.2.840.113549.1.9.5", attributes); // signingTime

        var at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var timed = Decode(Signer(signingTime: at).Sign(Script));
        var time = timed.SignerInfos[0].SignedAttributes.Cast<CryptographicAttributeObject>().Single(a => a.Oid.Value == "1.2.840.113549.1.9.5");
        Assert.Equal(at.UtcDateTime, new Pkcs9SigningTime(time.Values[0].RawData).SigningTime);
    }

    [Fact]
    public void Signing_is_byte_identical_each_time_and_signing_a_signed_script_replaces_its_block()
    {
        var once = Signer().Sign(Script);

        Assert.Equal(once, Signer().Sign(Script));
        Assert.Equal(once, Signer().Sign(once));
    }

    [Fact]
    public void The_verifier_accepts_the_signature_and_names_its_signer()
    {
        var check = AuthenticodeScript.Verify(Signer().Sign(Script));

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(_publisher.Thumbprint, check.Signer!.Thumbprint);
        Assert.True(Signer().IsSigner(check.Signer));
        using var other = _files.Publisher("Someone Else");
        Assert.False(new ScriptSigner(other, []).IsSigner(check.Signer));
    }

    [Fact]
    public void The_verifier_refuses_a_changed_content_a_damaged_block_and_finds_no_block_in_an_unsigned_script()
    {
        var signed = Signer().Sign(Script);
        var edited = signed.ToArray();
        edited[Array.IndexOf(edited, (byte)'C')] = (byte)'K';
        var damaged = signed.ToArray();
        damaged[Script.Length + 40] = damaged[Script.Length + 40] == (byte)'A' ? (byte)'B' : (byte)'A';

        Assert.Equal("the script is not the content its signature signs", AuthenticodeScript.Verify(edited).Problem);
        Assert.False(AuthenticodeScript.Verify(damaged).IsValid);
        Assert.True(AuthenticodeScript.Verify(damaged).HasBlock);
        Assert.False(AuthenticodeScript.Verify(Script).HasBlock);
    }

    [SkippableFact]
    [Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
    public void Osslsigncode_verifies_the_signature_and_refuses_it_once_one_byte_of_the_content_changes()
    {
        var signed = Write("signed.ps1", Signer().Sign(Script));
        var verified = Osslsigncode("verify", "-in", signed, "-CAfile", _files.RootFile);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Signature verification: ok", verified.Stdout, StringComparison.Ordinal);

        var bytes = File.ReadAllBytes(signed);
        bytes[Array.IndexOf(bytes, (byte)'C')] = (byte)'K';
        var tampered = Write("tampered.ps1", bytes);
        var refused = Osslsigncode("verify", "-in", tampered, "-CAfile", _files.RootFile);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("MISMATCH", refused.Stdout + refused.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    [Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
    public void The_verifier_accepts_what_osslsigncode_signs_and_computes_its_digest()
    {
        var (certificate, key) = _files.Pem(_publisher);
        var unsigned = Write("unsigned.ps1", Script);
        var signed = Path.Join(_files.Folder, "by-osslsigncode.ps1");
        var sign = Osslsigncode("sign", "-certs", certificate, "-key", key, "-h", "sha256", "-in", unsigned, "-out", signed);
        Assert.True(sign.ExitCode == 0, sign.ToString());

        var check = AuthenticodeScript.Verify(File.ReadAllBytes(signed));

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(_publisher.Thumbprint, check.Signer!.Thumbprint);
        Assert.Equal(Script.Length, AuthenticodeScript.ContentLength(File.ReadAllBytes(signed)));
    }

    private ScriptSigner Signer(DateTimeOffset? signingTime = null) => new(_publisher, [_files.Intermediate], signingTime);

    private static SignedCms Decode(byte[] signed)
    {
        var lines = Encoding.ASCII.GetString(signed[AuthenticodeScript.ContentLength(signed)..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..^1];
        var cms = new SignedCms();
        cms.Decode(Convert.FromBase64String(string.Concat(lines.Select(l => l[2..]))));
        return cms;
    }

    private string Write(string name, byte[] bytes)
    {
        var file = Path.Join(_files.Folder, name);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    internal static ProcessResult Osslsigncode(params string[] arguments) =>
        ExternalTool.Run(ExternalTool.Require("osslsigncode", "osslsigncode"), arguments);
}
